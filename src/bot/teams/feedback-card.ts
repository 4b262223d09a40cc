import type { Block } from '../../commands/reply.ts';
import { MAX_FEEDBACK_LENGTH } from '../../domain/feedback.ts';
import { truncate } from '../../domain/format.ts';
import { type Element, measure, submitAction, textBlock } from './card-elements.ts';
import { SUBMIT_KEY } from './card-submit.ts';

// The anonymous feedback form as a card, sent in the chat or shown in a dialog (feedback-dialog.ts),
// and the button that opens the dialog.

type FeedbackForm = Extract<Block, { type: 'feedback-form' }>;

// A card's feedback tags are offered as a searchable list while they fit in this; past it, themes only.
const TAG_CHOICES_BUDGET_BYTES = 40 * 1024;

/** What the dialog's form shows again after a refusal: the refusal and what was written. */
export type FeedbackFormState = { error?: string; experience?: string; asIs?: boolean };

/**
 * A button that opens the feedback form in a Teams dialog: an Action.Submit whose `msteams.type` is
 * `task/fetch` makes Teams send a `task/fetch` invoke instead of a message. It sends no input of its
 * card (`associatedInputs: none`): only the refs to tag the form with.
 */
export function feedbackDialogButton(title: string, tags: readonly string[]): Element {
  return {
    ...submitAction(title, {
      [SUBMIT_KEY]: 'feedback-dialog',
      tags: tags.join(' '),
      msteams: { type: 'task/fetch' },
    }),
    associatedInputs: 'none',
  };
}

/**
 * The feedback form card's body and buttons. In a chat it also offers the dialog (whose answers
 * stay out of the chat); in the dialog (`inDialog`) it shows a refusal and keeps what was written.
 */
export function feedbackFormParts(
  block: FeedbackForm,
  options: { inDialog?: boolean; state?: FeedbackFormState } = {},
): [unknown[], unknown[]] {
  const send = submitAction('Send anonymously', { [SUBMIT_KEY]: 'feedback' });
  const body = feedbackFormBody(block, options.state ?? {});
  if (options.inDialog) return [body, [send]];
  return [body, [send, feedbackDialogButton('Open in a dialog', block.selected)]];
}

/**
 * The anonymous feedback form: what is stored, the text, what it is about (a searchable list of every
 * theme and action while they fit in the card, else of the themes), more refs typed, "send as written".
 */
function feedbackFormBody(block: FeedbackForm, state: FeedbackFormState): unknown[] {
  const toChoice = (c: { value: string; label: string }) => ({
    title: truncate(c.label, 90),
    value: c.value,
  });
  const all = block.choices.map(toChoice);
  const fits = measure(all) <= TAG_CHOICES_BUDGET_BYTES;
  const choices = fits ? all : all.filter((c) => c.value.startsWith('theme '));
  const picked = block.selected.find((v) => choices.some((c) => c.value === v));
  const typed = block.selected.filter((v) => v !== picked);
  return [
    ...(state.error ? [textBlock(`✗ ${state.error}`, { color: 'Attention', weight: 'Bolder' })] : []),
    textBlock('Anonymous feedback', { size: 'Medium', weight: 'Bolder' }),
    ...block.notice.split('\n').map((line) => textBlock(line, { isSubtle: true })),
    {
      type: 'Input.Text',
      id: 'experience',
      label: 'Your experience',
      isMultiline: true,
      maxLength: MAX_FEEDBACK_LENGTH,
      isRequired: true,
      errorMessage: 'Write what happened.',
      placeholder: 'Leave out names, emails, phone numbers and job titles that could identify anyone.',
      ...(state.experience ? { value: state.experience } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'tags',
      label: fits ? 'What it is about (optional): type to search' : 'Which theme (optional): type to search',
      style: 'filtered',
      placeholder: fits ? 'A theme or an action' : 'A theme',
      value: picked ?? '',
      choices,
    },
    {
      type: 'Input.Text',
      id: 'refs',
      label: 'Other actions or themes (optional)',
      placeholder: 'Refs, e.g. ARAP:2.4 ARAP:3.1 theme ARAP:2',
      maxLength: 500,
      value: typed.join(' '),
    },
    {
      type: 'Input.Toggle',
      id: 'asIs',
      title: 'Send it as I wrote it, even if it might identify someone',
      valueOn: 'as-is',
      valueOff: '',
      ...(state.asIs ? { value: 'as-is' } : {}),
    },
  ];
}
