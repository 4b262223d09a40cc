import { toUpdateCommandText, type UpdateFormValues } from '../../commands/forms.ts';
import type { ActionItem } from '../../commands/reply.ts';
import { describeStatus, RATED_STATUSES, type RatedStatus } from '../../domain/status.ts';
import { MAX_NOTE_LENGTH } from '../../domain/update-rules.ts';
import { ACTION_IDS, cut, describeItem, type SlackBlock } from './render-blocks.ts';

export const UPDATE_MODAL_ID = 'update_action';

/** Where the modal came from, so the confirmation goes back there. Kept in the view's private_metadata. */
export type ModalOrigin = { responseUrl?: string; fromHome?: boolean };

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
    ? [{ type: 'section', text: { type: 'mrkdwn', text: cut(describeItem(item), 3000) } }]
    : [
        {
          type: 'input',
          block_id: BLOCK.action,
          label: plain('Action'),
          element: {
            type: 'static_select',
            action_id: 'value',
            placeholder: plain('Pick one of your actions'),
            options: choices
              .slice(0, 100)
              .map((c) => option(`${c.planCode}:${c.ref}`, `${c.ref} ${c.title}`)),
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
      element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: MAX_NOTE_LENGTH },
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
  const [planCode, ref] = target?.split(':') ?? [];
  if (!planCode || !ref) return null;
  const chosen = values[BLOCK.status]?.value?.selected_option?.value ?? KEEP;
  const status = RATED_STATUSES.includes(chosen as RatedStatus) ? (chosen as RatedStatus) : null;
  const form: UpdateFormValues = { planCode, ref, status, note: values[BLOCK.note]?.value?.value ?? '' };
  const origin: ModalOrigin = {
    ...(metadata.responseUrl ? { responseUrl: metadata.responseUrl } : {}),
    ...(metadata.fromHome ? { fromHome: true } : {}),
  };
  return { text: toUpdateCommandText(form), origin, values: form };
}

/** Which input an error from the update command belongs to, for Slack's inline errors. */
export function errorBlockFor(message: string, picking: boolean): string {
  if (/note/i.test(message)) return BLOCK.note;
  if (picking && /action|ref/i.test(message)) return BLOCK.action;
  return BLOCK.status;
}

/** The App Home tab: the user's actions with an Update button each, and what needs an update now. */
export function buildHomeView(heading: string, summary: string, items: ActionItem[]) {
  const needing = items.filter((i) => i.flags.includes('needs-update') || i.flags.includes('stale'));
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(cut(heading, 150)) },
    { type: 'section', text: { type: 'mrkdwn', text: cut(summary, 3000) } },
  ];
  const listed = [...needing, ...items.filter((i) => !needing.includes(i))].slice(0, 45);
  for (const item of listed) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: cut(describeItem(item), 3000) },
      accessory: {
        type: 'button',
        action_id: ACTION_IDS.openUpdate,
        text: plain('Update'),
        value: `${item.planCode}:${item.ref}`,
      },
    });
  }
  blocks.push(
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.openFeedback,
          text: plain('Share an experience anonymously'),
          value: 'feedback',
        },
      ],
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Type `/action help` anywhere for every command.' }],
    },
  );
  return { type: 'home' as const, blocks };
}

function plain(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

function option(value: string, text: string) {
  return { text: plain(cut(text, 75)), value };
}
