import type { TurnContext } from 'botbuilder';
import type { Handled, PipelineRequest } from '../../commands/handle.ts';
import { type Block, createReply, type Reply } from '../../commands/reply.ts';
import type { Clock, Store } from '../../domain/ports.ts';
import { fileBytes } from '../file-bytes.ts';
import type { CardSubmit } from './card-submit.ts';
import { createFeedbackDialog, TASK_FETCH_INVOKE, TASK_SUBMIT_INVOKE } from './feedback-dialog.ts';
import { FILE_CONSENT_INVOKE, readConsentAnswer, toFileInfoCard, uploadFile } from './file-consent.ts';
import type { TeamsRequest } from './teams-submit.ts';
import {
  answerText,
  CARD_ACTION_INVOKE,
  readCardAction,
  renderCurrentPromptCard,
} from './universal-actions.ts';

type FileBlock = Extract<Block, { type: 'file' }>;

/** What the invokes are answered with: the turn's pipeline call, replies, requests and gestures. */
export type InvokeTurn = {
  deps: { store: Store; clock: Clock };
  handle(context: TurnContext, request: Omit<PipelineRequest, 'identify'>): Promise<Handled>;
  send(context: TurnContext, reply: Reply): Promise<void>;
  toRequest(context: TurnContext, aadObjectId: string): TeamsRequest;
  /** Keeps the person's conversation reference (not for anonymous feedback). */
  remember(context: TurnContext, aadObjectId: string): Promise<void>;
  /** Runs a card gesture (a prompt's button) as its command (teams-submit.ts). */
  onGesture(context: TurnContext, submit: CardSubmit, request: TeamsRequest): Promise<void>;
};

const NOT_SIGNED_IN = 'I can only answer people signed in to Microsoft Teams.';

/**
 * The invokes Teams sends a bot, each answered in the HTTP response (the turn's invokeResponse):
 * Universal Actions (`adaptiveCard/action`), file consent answers, and the feedback dialog
 * (`task/fetch`, `task/submit`). Any other invoke is left unanswered (the front door says 501).
 */
export function createInvokeHandler(turn: InvokeTurn): (context: TurnContext) => Promise<void> {
  const dialog = createFeedbackDialog(turn);

  /**
   * An Action.Execute (a prompt's button, or Teams refreshing a prompt card): a gesture runs as its
   * command through the pipeline, like a card submit, with the prompt's time so a stale copy records
   * nothing; the invoke is answered with the prompt card as it is now (Universal Actions).
   */
  async function onCardAction(context: TurnContext, aadObjectId: string | undefined) {
    const action = readCardAction(context.activity.value);
    if (!aadObjectId) return answerText(NOT_SIGNED_IN);
    if (!action) return answerText('This card is out of date: type update <ref> for a new one.');
    if (action.kind === 'gesture') {
      await turn.remember(context, aadObjectId);
      const asOf = action.asOf ? { asOf: action.asOf } : {};
      await turn.onGesture(context, action.submit, { ...turn.toRequest(context, aadObjectId), ...asOf });
    }
    return (
      (action.prompt && (await renderCurrentPromptCard(context, action.prompt, turn.deps))) ??
      answerText(
        action.kind === 'refresh' ? 'This card is not kept up to date.' : 'Done: my answer is below.',
      )
    );
  }

  /**
   * A file consent card answered: accepted, the command runs again (as the person, through the
   * pipeline) and its file is uploaded to the session Teams gave, then shown; declined, one line.
   */
  async function onFileConsent(context: TurnContext, aadObjectId: string | undefined) {
    const answer = readConsentAnswer(context.activity.value);
    if (answer?.action === 'decline')
      await turn.send(
        context,
        createReply({ type: 'paragraph', text: 'No file sent. Type report again whenever you want it.' }),
      );
    else if (answer && aadObjectId) {
      const { reply } = await turn.handle(context, {
        ...turn.toRequest(context, aadObjectId),
        text: answer.command,
      });
      const file = reply.blocks.find((b): b is FileBlock => b.type === 'file');
      if (!file) await turn.send(context, reply);
      else {
        await uploadFile(answer.upload.uploadUrl, fileBytes(file));
        await context.sendActivity({ type: 'message', attachments: [toFileInfoCard(answer.upload)] });
      }
    }
    return undefined;
  }

  /** The feedback dialog: anonymous, so no reference is kept and the request names no conversation. */
  async function onDialog(context: TurnContext, aadObjectId: string | undefined) {
    if (!aadObjectId) return { task: { type: 'message', value: NOT_SIGNED_IN } };
    const { conversation: _private, ...request } = turn.toRequest(context, aadObjectId);
    return context.activity.name === TASK_FETCH_INVOKE
      ? dialog.onFetch(context, request)
      : dialog.onSubmit(context, request);
  }

  const handlers = new Map<string, (context: TurnContext, aadObjectId?: string) => Promise<unknown>>([
    [CARD_ACTION_INVOKE, onCardAction],
    [FILE_CONSENT_INVOKE, onFileConsent],
    [TASK_FETCH_INVOKE, onDialog],
    [TASK_SUBMIT_INVOKE, onDialog],
  ]);

  return async (context) => {
    const handler = handlers.get(context.activity.name ?? '');
    if (!handler) return; // an invoke we did not ask for
    const body = await handler(context, context.activity.from?.aadObjectId);
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, ...(body ? { body } : {}) } });
  };
}
