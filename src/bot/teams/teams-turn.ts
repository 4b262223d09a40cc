import type { TurnContext } from 'botbuilder';
import { handleCommand, type PipelineRequest } from '../../commands/handle.ts';
import { type Block, createErrorReply, type Reply } from '../../commands/reply.ts';
import type { FrontDoorDeps } from '../front-door.ts';
import { readCardSubmit, readCommandSubmit, readFeedbackSubmit } from './card-submit.ts';
import { toFileConsentCard } from './file-consent.ts';
import { renderTeamsReply } from './render-cards.ts';
import { readCommandText, toActivityRequestKey, toConversation } from './teams-activity.ts';
import { createTeamsFiles, readUploadCommand } from './teams-files.ts';
import { createTeamsIdentity } from './teams-identity.ts';
import { createInvokeHandler } from './teams-invokes.ts';
import { createTeamsMembership } from './teams-membership.ts';
import { createTeamsReach } from './teams-reach.ts';
import type { TeamsRoster } from './teams-roster.ts';
import { sendInParts } from './teams-sender.ts';
import { createSubmitHandler, type TeamsRequest } from './teams-submit.ts';

type FileBlock = Extract<Block, { type: 'file' }>;

const WELCOME =
  "Hello, I'm Actionbot: I keep the equality action plan's progress. Type **help** for the commands" +
  ' (in a channel, mention me first), **mine** for your actions, or **update 2.4 green What happened**.';

/**
 * What one Teams turn does: messages and card submits become commands for the one pipeline; installs,
 * removals and commands keep the conversation references proactive messages need (teams-reach.ts).
 */
export function createTeamsTurnHandler(
  deps: FrontDoorDeps,
  roster?: TeamsRoster,
  options: { anyFileHost?: boolean } = {},
): (context: TurnContext) => Promise<void> {
  const identity = createTeamsIdentity(deps.logger);
  const reach = createTeamsReach(deps.store.conversations, roster);
  const files = createTeamsFiles(options);

  async function send(context: TurnContext, reply: Reply): Promise<void> {
    await sendInParts(context, renderTeamsReply(reply));
  }

  /** Runs a command through the one pipeline; the sender's profile is read only if it is not anonymous. */
  async function handle(context: TurnContext, request: Omit<PipelineRequest, 'identify'>) {
    const fallback = { ...request.who, displayName: context.activity.from?.name };
    return handleCommand(
      { ...request, identify: async () => (await identity.actorFor(context)) ?? fallback },
      {
        ...deps,
        membership: createTeamsMembership(context, deps.logger),
        ...(deps.planReader ? { uploads: { source: files, reader: deps.planReader } } : {}),
      },
    );
  }

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // The feedback card's submit is run exactly as if its command had been typed.
    const feedbackText =
      activity.value === undefined
        ? null
        : (readFeedbackSubmit(activity.value) ?? readCommandSubmit(activity.value));
    // A file sent in a personal chat: its preview, which stores nothing (not even the reference).
    const upload = activity.value === undefined ? readUploadCommand(activity) : null;
    const submit = activity.value === undefined || feedbackText ? null : readCardSubmit(activity.value);
    const typed = readCommandText(activity);
    const { mentions } = typed;
    const text = upload ?? feedbackText ?? typed.text;
    if (activity.value !== undefined && !submit && !text) {
      await send(context, createErrorReply('This card is out of date: type update <ref> for a new one.'));
      return;
    }
    const aadObjectId = activity.from?.aadObjectId;
    if (!aadObjectId) {
      deps.logger.warn('teams message without an AAD user ignored', { channelId: activity.channelId });
      await send(context, createErrorReply('I can only answer people signed in to Microsoft Teams.'));
      return;
    }
    const request = toRequest(context, aadObjectId, mentions);
    if (submit) {
      await reach.remember(context, aadObjectId);
      await onSubmit(context, submit, request);
      return;
    }
    // The activity id names this delivery: Teams redelivering it records nothing twice.
    const requestKey = activity.id ? toActivityRequestKey(activity.id) : undefined;
    // A typed message is kept by Microsoft 365 under the sender's name; a card's submit is not.
    const retained = feedbackText === null;
    const handled = await handle(context, {
      ...request,
      text,
      retained,
      ...(requestKey ? { requestKey } : {}),
    });
    // Anonymous feedback: no stored conversation reference; input that is not a command stores none either.
    if (handled.understood && !handled.anonymous && !upload) await reach.remember(context, aadObjectId);
    // A report in a personal chat is offered as a file (Teams asks the person to accept the upload).
    const file = handled.reply.blocks.find((b): b is FileBlock => b.type === 'file');
    if (file && activity.conversation?.conversationType === 'personal') {
      const consent = toFileConsentCard(file, text);
      await context.sendActivity({ type: 'message', text: file.summary, attachments: [consent] });
      return;
    }
    await send(context, handled.reply);
  }

  /** Who is asking and where, for the pipeline; mentions resolved through the roster. */
  function toRequest(
    context: TurnContext,
    aadObjectId: string,
    mentions: ReturnType<typeof readCommandText>['mentions'],
  ): TeamsRequest {
    return {
      who: { platform: 'teams', externalId: aadObjectId },
      conversation: toConversation(context.activity),
      resolveMention: async (word) => {
        const mention = mentions.get(word);
        return mention ? identity.actorForMention(context, mention) : null;
      },
    };
  }

  const onSubmit = createSubmitHandler({ handle, send });
  const onInvoke = createInvokeHandler({
    deps,
    handle,
    send,
    toRequest: (context, aadObjectId) => toRequest(context, aadObjectId, new Map()),
    remember: (context, aadObjectId) => reach.remember(context, aadObjectId),
    onGesture: onSubmit,
  });

  return async (context) => {
    try {
      switch (context.activity.type) {
        case 'message':
          return await onMessage(context);
        case 'conversationUpdate':
          return await reach.onMembersChanged(context, WELCOME);
        case 'installationUpdate':
          return await reach.onInstallationUpdate(context);
        case 'invoke':
          return await onInvoke(context);
        default:
          // Typing, reactions, invokes we did not ask for: nothing to do.
          return;
      }
    } catch (error) {
      // Commands never throw (the pipeline catches and logs them): this is a platform call failing,
      // which carries no command text. Only its kind and message are logged.
      deps.logger.error('teams turn failed', {
        type: context.activity.type,
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      await context
        .sendActivity('Sorry, that did not work. Please try again in a minute.')
        .catch((sendError: unknown) => deps.logger.error('teams error reply failed', { error: sendError }));
    }
  };
}
