import { toUpdateCommandText, type UpdateFormValues } from '../../commands/forms.ts';
import type { ActionItem, FormField } from '../../commands/reply.ts';
import { parseTarget } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import { describeStatus, RATED_STATUSES, type RatedStatus } from '../../domain/status.ts';
import { option, plain, type SlackBlock } from './block-kit.ts';
import { describeItem } from './render-blocks.ts';

export const UPDATE_MODAL_ID = 'update_action';

/** Where the modal came from, so the confirmation goes back there. Kept in the view's private_metadata. */
export type ModalOrigin = { responseUrl?: string; fromHome?: boolean; prompt?: PromptMessage };

/** A message the bot posted (a prompt), by its channel and ts: it is brought up to date after a form saves. */
export type PromptMessage = { channel: string; ts: string };

type ModalMetadata = ModalOrigin & { target?: string };

const KEEP = 'keep';
const BLOCK = { action: 'action', status: 'status', note: 'note' } as const;

/**
 * The update form: the action's summary and last update, a status select starting at "keep current",
 * and a note. With no item, the user first picks one of `choices` (their own actions).
 */
export function buildUpdateModal(
  item: ActionItem | null,
  choices: ActionItem[],
  origin: ModalOrigin,
  initialStatus?: RatedStatus,
) {
  const metadata: ModalMetadata = { ...origin, ...(item ? { target: `${item.planCode}:${item.ref}` } : {}) };
  const statusOptions = [
    option(KEEP, item ? `Keep ${describeStatus(item.status)}` : 'Keep the current status'),
    ...RATED_STATUSES.map((s) => option(s, describeStatus(s))),
  ];
  const blocks: SlackBlock[] = item
    ? [{ type: 'section', text: { type: 'mrkdwn', text: truncate(describeItem(item), 3000) } }]
    : [
        {
          type: 'input',
          block_id: BLOCK.action,
          label: plain('Action'),
          element: {
            type: 'static_select',
            action_id: 'value',
            placeholder: plain('Pick one of your actions'),
            ...pickerOptions(choices),
          },
        },
      ];
  blocks.push(
    {
      type: 'input',
      block_id: BLOCK.status,
      label: plain('Status'),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: statusOptions,
        initial_option: statusOptions.find((o) => o.value === initialStatus) ?? statusOptions[0],
      },
    },
    {
      type: 'input',
      block_id: BLOCK.note,
      optional: true,
      label: plain('Note'),
      hint: plain('Red and Complete need a note: what happened, what is next.'),
      // No max_length: Slack allows at most 3000 there, our notes 4000; the length is checked on submit.
      element: { type: 'plain_text_input', action_id: 'value', multiline: true },
    },
  );
  return {
    type: 'modal' as const,
    callback_id: UPDATE_MODAL_ID,
    private_metadata: JSON.stringify(metadata),
    title: plain('Update action'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

/** What a submitted update modal says, as the command it stands for. */
export type ModalSubmission = { text: string; origin: ModalOrigin; values: UpdateFormValues };

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

/** Reads a submitted update modal; null when it is not one of ours or is malformed. */
export function readUpdateModal(view: {
  private_metadata?: string;
  state?: { values?: StateValues };
}): ModalSubmission | null {
  let metadata: ModalMetadata;
  try {
    metadata = JSON.parse(view.private_metadata ?? '{}');
  } catch {
    return null;
  }
  const values = view.state?.values ?? {};
  const target = metadata.target ?? values[BLOCK.action]?.value?.selected_option?.value;
  const action = target ? parseTarget(target) : null;
  if (!action) return null;
  const { planCode, ref } = action;
  const chosen = values[BLOCK.status]?.value?.selected_option?.value ?? KEEP;
  const status = RATED_STATUSES.includes(chosen as RatedStatus) ? (chosen as RatedStatus) : null;
  const form: UpdateFormValues = { planCode, ref, status, note: values[BLOCK.note]?.value?.value ?? '' };
  const origin: ModalOrigin = {
    ...(metadata.responseUrl ? { responseUrl: metadata.responseUrl } : {}),
    ...(metadata.fromHome ? { fromHome: true } : {}),
    ...(isPromptMessage(metadata.prompt) ? { prompt: metadata.prompt } : {}),
  };
  return { text: toUpdateCommandText(form), origin, values: form };
}

function isPromptMessage(value: unknown): value is PromptMessage {
  const v = value as Partial<PromptMessage> | undefined;
  return typeof v?.channel === 'string' && typeof v.ts === 'string';
}

/** The form block a refusal of the update command belongs to, by its field (never by its wording). */
export function errorBlockFor(field: FormField | undefined, picking: boolean): string {
  if (field === 'note') return BLOCK.note;
  if (field === 'action' && picking) return BLOCK.action;
  return BLOCK.status;
}

/** A static select takes 100 options, or 100 groups of 100: more than 100 actions go in groups by plan. */
function pickerOptions(choices: ActionItem[]) {
  const toOption = (c: ActionItem) => option(`${c.planCode}:${c.ref}`, `${c.ref} ${c.title}`);
  if (choices.length <= 100) return { options: choices.map(toOption) };
  const groups: ActionItem[][] = [];
  for (const choice of choices) {
    const last = groups[groups.length - 1];
    if (last && last.length < 100 && last[0]?.planCode === choice.planCode) last.push(choice);
    else groups.push([choice]);
  }
  return {
    option_groups: groups.slice(0, 100).map((group) => ({
      label: plain(truncate(`${group[0]?.planCode} ${group[0]?.ref}–${group[group.length - 1]?.ref}`, 75)),
      options: group.map(toOption),
    })),
  };
}
