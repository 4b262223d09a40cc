import { type Activity, type ChannelAccount, TurnContext } from 'botbuilder';
import type { ConversationRepository } from '../../domain/ports.ts';
import { toConversation, toStoredReference } from './teams-activity.ts';

/** Where Actionbot can reach people and channels in Teams later: kept on install, dropped on removal. */
export type TeamsReach = {
  /** Keeps where this person (personal chat) or this channel/group chat can be reached. */
  remember(context: TurnContext, personId: string | undefined): Promise<void>;
  /** The bot was added (welcome, remember) or removed (forget), or a person joined a personal chat. */
  onMembersChanged(context: TurnContext, welcome: string): Promise<void>;
  /** The app was installed (remember) or uninstalled (forget). */
  onInstallationUpdate(context: TurnContext): Promise<void>;
};

/** The conversation references proactive messages need, kept through `conversations`. */
export function createTeamsReach(conversations: Pick<ConversationRepository, 'save' | 'remove'>): TeamsReach {
  const isPersonal = (activity: Activity) =>
    !activity.conversation.conversationType || activity.conversation.conversationType === 'personal';

  async function remember(context: TurnContext, personId: string | undefined): Promise<void> {
    const activity = context.activity;
    const reference = toStoredReference(TurnContext.getConversationReference(activity));
    if (isPersonal(activity) && personId)
      await conversations.save({ platform: 'teams', kind: 'person', key: personId, reference });
    if (!isPersonal(activity)) {
      const key = toConversation(activity).id;
      await conversations.save({ platform: 'teams', kind: 'channel', key, reference });
    }
  }

  async function forget(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const personId = activity.from?.aadObjectId;
    if (isPersonal(activity) && personId) await conversations.remove('teams', 'person', personId);
    if (!isPersonal(activity)) await conversations.remove('teams', 'channel', toConversation(activity).id);
  }

  return {
    remember,
    async onMembersChanged(context, welcome) {
      const activity = context.activity;
      const isBot = (m: ChannelAccount) => m.id === activity.recipient.id;
      if (activity.membersRemoved?.some(isBot)) return forget(context);
      if (activity.membersAdded?.some(isBot)) {
        await remember(context, activity.from?.aadObjectId);
        await context.sendActivity({ type: 'message', textFormat: 'markdown', text: welcome });
        return;
      }
      // Someone joined a personal chat's roster update (Teams sends the user on first contact too).
      const personal = activity.membersAdded?.find(
        (m) => m.aadObjectId && m.aadObjectId === activity.from?.aadObjectId,
      );
      if (personal?.aadObjectId) await remember(context, personal.aadObjectId);
    },
    async onInstallationUpdate(context) {
      const action = (context.activity as Activity & { action?: string }).action ?? '';
      if (action.startsWith('remove')) await forget(context);
      else if (action.startsWith('add')) await remember(context, context.activity.from?.aadObjectId);
    },
  };
}
