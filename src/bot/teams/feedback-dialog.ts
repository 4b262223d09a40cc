import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Handled, PipelineRequest } from '../../commands/handle.ts';
import { type Block, findRefusal, isErrorReply } from '../../commands/reply.ts';
import { renderText } from '../render-text.ts';
import { createCard } from './card-elements.ts';
import { readFeedbackSubmit, SUBMIT_KEY } from './card-submit.ts';
import { type FeedbackFormState, feedbackFormParts } from './feedback-card.ts';

// The anonymous feedback form as a Teams dialog (task module): a `task/fetch` invoke is answered with
// the form card, its `task/submit` runs the feedback command anonymously and is answered with the
// result in the dialog (a `message` task), so neither the text nor the receipt is ever a chat message.

/** The invoke Teams sends when a button with `msteams: { type: 'task/fetch' }` is pressed. */
export const TASK_FETCH_INVOKE = 'task/fetch';
/** The invoke Teams sends when an Action.Submit inside a dialog's card is pressed. */
export const TASK_SUBMIT_INVOKE = 'task/submit';

/** A dialog's metadata with its card (Microsoft's TaskModuleTaskInfo, the card as a bot attachment). */
type CardTaskInfo = { title: string; width: 'medium'; height: 'large'; card: Attachment };
/** The body of a `task/fetch` or `task/submit` invoke's answer (Microsoft's TaskModuleResponse). */
export type TaskModuleAnswer =
  | { task: { type: 'continue'; value: CardTaskInfo } }
  | { task: { type: 'message'; value: string } };

type FeedbackFormBlock = Extract<Block, { type: 'feedback-form' }>;

/** What the dialog runs through the turn's pipeline call. */
export type DialogTurn = {
  handle(context: TurnContext, request: Omit<PipelineRequest, 'identify'>): Promise<Handled>;
};

// `task/fetch` and `task/submit` invokes carry the button's (or the dialog card's) data as `value.data`.
const fetchSchema = z.object({
  data: z.object({ [SUBMIT_KEY]: z.literal('feedback-dialog'), tags: z.string().max(1_000).default('') }),
});
const submitSchema = z.object({
  data: z.object({
    experience: z.string().max(40_000).default(''),
    tags: z.string().max(10_000).optional(),
    refs: z.string().max(1_000).optional(),
    asIs: z.string().optional(),
  }),
});

/**
 * The feedback dialog's two invokes, each answered with a TaskModuleResponse. Both run anonymously
 * (the feedback verbs never identify anyone) and keep nothing of the person: no conversation
 * reference, no log of the text. A dialog is private to whoever opened it, wherever its button was,
 * so the request names no conversation.
 */
export function createFeedbackDialog({ handle }: DialogTurn) {
  async function openForm(
    context: TurnContext,
    request: Omit<PipelineRequest, 'identify' | 'text'>,
    tags: string,
    state: FeedbackFormState = {},
  ): Promise<TaskModuleAnswer> {
    const { reply } = await handle(context, { ...request, text: `feedback ${tags}`.trim() });
    const form = reply.blocks.find((b): b is FeedbackFormBlock => b.type === 'feedback-form');
    if (!form) return answerMessage(renderText(reply));
    return answerCard(form, state);
  }

  /** `task/fetch`: the form, tagged with the refs its button carried. */
  async function onFetch(context: TurnContext, request: Omit<PipelineRequest, 'identify' | 'text'>) {
    const parsed = fetchSchema.safeParse(context.activity.value);
    // The refs are put after `feedback`: a `--` would make it a submission, which only the form sends.
    if (!parsed.success || parsed.data.data.tags.includes('--'))
      return answerMessage('This button is out of date: type feedback for a new form.');
    return openForm(context, request, parsed.data.data.tags);
  }

  /**
   * `task/submit`: the form's answer, sent as the feedback command; the receipt is shown in the
   * dialog. A refusal (text that could identify someone, a ref not found) shows the form again with
   * it and with what was written, so nothing has to be retyped.
   */
  async function onSubmit(context: TurnContext, request: Omit<PipelineRequest, 'identify' | 'text'>) {
    const text = readFeedbackSubmit(context.activity.value?.data);
    const parsed = submitSchema.safeParse(context.activity.value);
    if (!text || !parsed.success)
      return answerMessage('This form is out of date: type feedback for a new one.');
    const { reply } = await handle(context, { ...request, text });
    if (!isErrorReply(reply)) return answerMessage(renderText(reply));
    const data = parsed.data.data;
    const state = {
      error: findRefusal(reply)?.text ?? renderText(reply),
      experience: data.experience,
      asIs: data.asIs === 'as-is',
    };
    const tags = [data.tags ?? '', data.refs ?? ''].join(' ').replace(/--/g, ' ').trim();
    const again = await openForm(context, request, tags, state);
    // Refs that are not found cannot tag the form again: the form without them, with the refusal.
    return again.task.type === 'continue' ? again : openForm(context, request, '', state);
  }

  return { onFetch, onSubmit };
}

/** A `continue` answer: the dialog shows the feedback form card. */
function answerCard(form: FeedbackFormBlock, state: FeedbackFormState): TaskModuleAnswer {
  const card = createCard(...feedbackFormParts(form, { inDialog: true, state }));
  return {
    task: {
      type: 'continue',
      value: {
        title: 'Anonymous feedback',
        width: 'medium',
        height: 'large',
        card: { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
      },
    },
  };
}

/** A `message` answer: the dialog shows this text in a message box and closes. */
function answerMessage(text: string): TaskModuleAnswer {
  return { task: { type: 'message', value: text } };
}
