import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { toUpdateCommandText } from '../../commands/forms.ts';
import { handleCommand, type PipelineRequest } from '../../commands/handle.ts';
import {
  type ActionItem,
  type Block,
  createErrorReply,
  findRefusal,
  isErrorReply,
  type Reply,
} from '../../commands/reply.ts';
import type { FrontDoorDeps } from '../front-door.ts';
import { toCardMessage } from './card-elements.ts';
import { type CardSubmit, hashSubmitKey, readCardSubmit, readFeedbackSubmit } from './card-submit.ts';
import { buildUpdateFormCard, type FormState } from './form-cards.ts';
import { renderTeamsReply } from './render-cards.ts';
import { readCommandText, toConversation } from './teams-activity.ts';
import { createTeamsIdentity } from './teams-identity.ts';
import { createTeamsMembership } from './teams-membership.ts';
import { createTeamsReach } from './teams-reach.ts';
import { sendInParts } from './teams-sender.ts';

const WELCOME =
  "Hello, I'm Actionbot: I keep the equality action plan's progress. Type **help** for the commands" +
  ' (in a channel, mention me first), **mine** for your actions, or **update 2.4 green What happened**.';

/**
 * What one Teams turn does: messages and card submits become commands for the one pipeline; installs,
 * removals and commands keep the conversation references proactive messages need (teams-reach.ts).
 */
export function createTeamsTurnHandler(deps: FrontDoorDeps): (context: TurnContext) => Promise<void> {
  const identity = createTeamsIdentity(deps.logger);
  const reach = createTeamsReach(deps.store.conversations);

  async function send(context: TurnContext, reply: Reply): Promise<void> {
    await sendInParts(context, renderTeamsReply(reply));
  }

  /** Runs a command through the one pipeline; the sender's profile is read only if it is not anonymous. */
  async function handle(context: TurnContext, request: Omit<PipelineRequest, 'identify'>) {
    const fallback = { ...request.who, displayName: context.activity.from?.name };
    return handleCommand(
      { ...request, identify: async () => (await identity.actorFor(context)) ?? fallback },
      { ...deps, membership: createTeamsMembership(context, deps.logger) },
    );
  }

  async function onMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // The feedback card's submit is run exactly as if its command had been typed.
    const feedbackText = activity.value === undefined ? null : readFeedbackSubmit(activity.value);
    const submit = activity.value === undefined || feedbackText ? null : readCardSubmit(activity.value);
    const typed = readCommandText(activity);
    const { mentions } = typed;
    const text = feedbackText ?? typed.text;
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
    const request: Omit<PipelineRequest, 'text' | 'identify'> = {
      who: { platform: 'teams', externalId: aadObjectId },
      conversation: toConversation(activity),
      resolveMention: async (word) => {
        const mention = mentions.get(word);
        return mention ? identity.actorForMention(context, mention) : null;
      },
    };
    if (submit) {
      await reach.remember(context, aadObjectId);
      await onSubmit(context, submit, request);
      return;
    }
    // The activity id names this delivery: Teams redelivering it records nothing twice.
    const requestKey = activity.id ? `teams:activity:${hashActivityId(activity.id)}` : undefined;
    const handled = await handle(context, { ...request, text, ...(requestKey ? { requestKey } : {}) });
    // Anonymous feedback: no stored conversation reference; input that is not a command stores none either.
    if (handled.understood && !handled.anonymous) await reach.remember(context, aadObjectId);
    await send(context, handled.reply);
  }

  /** A card's button or form, run as the command text it stands for. */
  async function onSubmit(
    context: TurnContext,
    submit: CardSubmit,
    request: Omit<PipelineRequest, 'text' | 'identify'>,
  ) {
    const target = `${submit.planCode}:${submit.ref}`;
    const activity = context.activity;
    const requestKey = hashSubmitKey(activity.replyToId || activity.id || '', request.who.externalId, submit);
    const text = toUpdateCommandText({ ...submit, note: submit.kind === 'update' ? submit.note : '' });
    const gesture = submit.kind === 'quick' ? ('quick-status' as const) : undefined;
    const { reply } = await handle(context, { ...request, text, requestKey, gesture });
    // Red and Complete need a note: the update command answers a quick button with the form.
    const form = findForm(reply);
    if (form?.item) {
      await sendFormCard(context, form.item, { status: form.status ?? null }, form.hint);
      return;
    }
    if (submit.kind === 'update' && isErrorReply(reply)) {
      // Show the form again with the refusal and what they typed, so nothing has to be retyped.
      const state: FormState = { status: submit.status, note: submit.note, error: findRefusal(reply)?.text };
      if (await sendForm(context, target, request, state)) return;
    }
    await send(context, reply);
  }

  /** Sends the update form for one action; false when the person may not update it. */
  async function sendForm(
    context: TurnContext,
    target: string,
    request: Omit<PipelineRequest, 'text' | 'identify'>,
    state: FormState,
  ): Promise<boolean> {
    const { reply } = await handle(context, { ...request, text: `update ${target}` });
    const form = findForm(reply);
    if (!form?.item) {
      await send(context, reply);
      return false;
    }
    await sendFormCard(context, form.item, state);
    return true;
  }

  async function sendFormCard(context: TurnContext, item: ActionItem, state: FormState, hint?: string) {
    const card = buildUpdateFormCard(item, [], state);
    if (hint) card.body.unshift({ type: 'TextBlock', text: hint, wrap: true });
    await context.sendActivity(toCardMessage(card));
  }

  return async (context) => {
    try {
      switch (context.activity.type) {
        case 'message':
          return await onMessage(context);
        case 'conversationUpdate':
          return await reach.onMembersChanged(context, WELCOME);
        case 'installationUpdate':
          return await reach.onInstallationUpdate(context);
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

function hashActivityId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function findForm(reply: Reply) {
  return reply.blocks.find((b): b is Extract<Block, { type: 'update-form' }> => b.type === 'update-form');
}
