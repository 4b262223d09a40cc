import { type Activity, type ChannelAccount, TurnContext } from 'botbuilder';
import type { ConversationRepository } from '../../domain/ports.ts';
import { toConversation, toStoredReference } from './teams-activity.ts';
import type { TeamsRoster } from './teams-roster.ts';

/** Where Actionbot can reach people and channels in Teams later: kept on install, dropped on removal. */
export type TeamsReach = {
  /** Keeps where this person (personal chat) or this channel/group chat can be reached. */
  remember(context: TurnContext, personId: string | undefined): Promise<void>;
  /**
   * The bot was added (welcome, remember; in a team, its owners get their 1:1 chats) or removed
   * (forget), a person joined a personal chat, or someone joined a team (who may hold an owner role).
   */
  onMembersChanged(context: TurnContext, welcome: string): Promise<void>;
  /** The app was installed (remember; in a team, reach its owners) or uninstalled (forget). */
  onInstallationUpdate(context: TurnContext): Promise<void>;
};

/**
 * The conversation references proactive messages need, kept through `conversations`; a team's
 * install hands the team to `roster`, which opens 1:1 chats with the owners in it.
 */
export function createTeamsReach(
  conversations: Pick<ConversationRepository, 'save' | 'remove'>,
  roster?: Pick<TeamsRoster, 'onInstalled' | 'onRemoved'>,
): TeamsReach {
  const teamOf = (activity: Activity): string | undefined =>
    (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id || undefined;

  async function reachTeam(context: TurnContext): Promise<void> {
    const teamId = teamOf(context.activity);
    if (!roster || !teamId) return;
    const reference = toStoredReference(TurnContext.getConversationReference(context.activity));
    await roster.onInstalled({ teamId, reference });
  }

  async function forgetTeam(context: TurnContext): Promise<void> {
    const teamId = teamOf(context.activity);
    if (roster && teamId) await roster.onRemoved(teamId);
  }

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
      if (activity.membersRemoved?.some(isBot)) {
        await forgetTeam(context);
        return forget(context);
      }
      if (activity.membersAdded?.some(isBot)) {
        await remember(context, activity.from?.aadObjectId);
        await context.sendActivity({ type: 'message', textFormat: 'markdown', text: welcome });
        await reachTeam(context);
        return;
      }
      // Someone joined a team the app is in: they may hold an owner role.
      if (activity.membersAdded?.length && !isPersonal(activity) && teamOf(activity))
        return reachTeam(context);
      // Someone joined a personal chat's roster update (Teams sends the user on first contact too).
      const personal = activity.membersAdded?.find(
        (m) => m.aadObjectId && m.aadObjectId === activity.from?.aadObjectId,
      );
      if (personal?.aadObjectId) await remember(context, personal.aadObjectId);
    },
    async onInstallationUpdate(context) {
      const action = (context.activity as Activity & { action?: string }).action ?? '';
      if (action.startsWith('remove')) {
        await forgetTeam(context);
        await forget(context);
      } else if (action.startsWith('add')) {
        await remember(context, context.activity.from?.aadObjectId);
        await reachTeam(context);
      }
    },
  };
}
