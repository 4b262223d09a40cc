import type { TurnContext } from 'botbuilder';
import { toUpdateCommandText } from '../../commands/forms.ts';
import type { Handled, PipelineRequest } from '../../commands/handle.ts';
import { type ActionItem, type Block, findRefusal, isErrorReply, type Reply } from '../../commands/reply.ts';
import { toCardMessage } from './card-elements.ts';
import { type CardSubmit, hashSubmitKey } from './card-submit.ts';
import { buildUpdateFormCard, type FormState } from './form-cards.ts';

/** A Teams request before its text: who, where, and how mentions resolve. */
export type TeamsRequest = Omit<PipelineRequest, 'text' | 'identify'>;

/** What the submit handler is built with: the turn's pipeline call and its way to answer. */
export type SubmitTurn = {
  handle(context: TurnContext, request: Omit<PipelineRequest, 'identify'>): Promise<Handled>;
  send(context: TurnContext, reply: Reply): Promise<void>;
};

/**
 * A card's button or form, run as the command text it stands for; a refused form comes back with
 * the refusal and what was typed, and a quick Red or Complete with the form its note needs.
 */
export function createSubmitHandler({ handle, send }: SubmitTurn) {
  async function onSubmit(context: TurnContext, submit: CardSubmit, request: TeamsRequest) {
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
    request: TeamsRequest,
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

  return onSubmit;
}

function findForm(reply: Reply) {
  return reply.blocks.find((b): b is Extract<Block, { type: 'update-form' }> => b.type === 'update-form');
}
