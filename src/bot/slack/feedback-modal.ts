import type { Block } from '../../commands/reply.ts';
import { MAX_FEEDBACK_LENGTH } from '../../domain/feedback.ts';
import { truncate } from '../../domain/format.ts';
import { escapeMrkdwn, option, plain, type SlackBlock } from './block-kit.ts';

export const FEEDBACK_MODAL_ID = 'anonymous_feedback';

const BLOCK = { experience: 'experience', tags: 'tags', asIs: 'as_is' } as const;

/** Where Slack asks for the tag select's options as the person types (a `block_suggestion`). */
export const FEEDBACK_TAGS_SUGGESTION = { block_id: BLOCK.tags, action_id: 'value' } as const;
/** Slack shows 100 options in an external select's answer at most. */
export const MAX_TAG_OPTIONS = 100;

type FeedbackForm = Extract<Block, { type: 'feedback-form' }>;

/**
 * The anonymous feedback form: what is and is not stored, the experience, optional tags (a
 * searchable multi-select of themes and actions), and "send as written". Nothing about the person
 * goes into the view: no private_metadata at all.
 */
export function buildFeedbackModal(form: FeedbackForm) {
  // The tags are searched as the person types (any number of plans and actions); only the ones
  // already named travel in the view.
  const initial = form.choices.filter((c) => form.selected.includes(c.value)).map(toSlackOption);
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(form.notice, 3000) } },
    {
      type: 'input',
      block_id: BLOCK.experience,
      label: plain('Your experience'),
      hint: plain(
        'Leave out names, emails, phone numbers and job titles that could identify anyone, you included.',
      ),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: MAX_FEEDBACK_LENGTH,
      },
    },
    {
      type: 'input',
      block_id: BLOCK.tags,
      optional: true,
      label: plain('What it is about (optional)'),
      element: {
        type: 'multi_external_select',
        action_id: FEEDBACK_TAGS_SUGGESTION.action_id,
        placeholder: plain('Search themes and actions'),
        min_query_length: 0,
        ...(initial.length ? { initial_options: initial } : {}),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.asIs,
      optional: true,
      label: plain('If it might identify someone'),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [option('as-is', 'Send it as I wrote it (otherwise I am warned and can edit it)')],
      },
    },
  ];
  return {
    type: 'modal' as const,
    callback_id: FEEDBACK_MODAL_ID,
    title: plain('Anonymous feedback'),
    submit: plain('Send anonymously'),
    close: plain('Cancel'),
    blocks,
  };
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_options?: { value: string }[] | null }>
>;

/** The command a submitted feedback form stands for: `feedback [as-is] [tags] -- <experience>`. */
export function readFeedbackModal(view: { state?: { values?: StateValues } }): string {
  const values = view.state?.values ?? {};
  const experience = values[BLOCK.experience]?.value?.value ?? '';
  const tags = (values[BLOCK.tags]?.value?.selected_options ?? []).map((o) => o.value);
  const asIs = (values[BLOCK.asIs]?.value?.selected_options ?? []).some((o) => o.value === 'as-is');
  return ['feedback', asIs ? 'as-is' : '', ...tags, '--', experience.trim()].filter(Boolean).join(' ');
}

/** Every refusal of a feedback form is about the text or who may send it: show it on the text. */
export const FEEDBACK_ERROR_BLOCK = BLOCK.experience;

/** The form after sending: the receipt, shown once, only in this modal (never in a message). */
export function buildFeedbackSentView(text: string) {
  return {
    type: 'modal' as const,
    title: plain('Feedback sent'),
    close: plain('Done'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(text), 3000) } },
    ] satisfies SlackBlock[],
  };
}

/** A tag choice as a Slack option (text at most 75 characters, value at most 150). */
export function toSlackOption(choice: { value: string; label: string }) {
  return option(choice.value, choice.label);
}
