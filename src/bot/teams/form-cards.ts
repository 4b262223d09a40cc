import { STATUS_MARKS } from '../../commands/present.ts';
import type { ActionItem } from '../../commands/reply.ts';
import { describeRecorded } from '../../commands/scheduled/living-prompt.ts';
import { describeStatus, RATED_STATUSES, type RatedStatus } from '../../domain/status.ts';
import { MAX_NOTE_LENGTH } from '../../domain/update-rules.ts';
import {
  type AdaptiveCard,
  createCard,
  type Element,
  executeAction,
  renderItem,
  submitAction,
  targetOf,
  textBlock,
} from './card-elements.ts';
import { inputId, SUBMIT_KEY } from './card-submit.ts';

// The cards with inputs: the update form and a prompt's action with its quick buttons (the anonymous
// feedback form is feedback-card.ts).

/** What an update form shows besides the action: a status chosen in advance, a note kept, an error. */
export type FormState = { status?: RatedStatus | null; note?: string; error?: string };

/** The update form for one action (or a choice of the person's actions) as a card. */
export function buildUpdateFormCard(
  item: ActionItem | null,
  choices: readonly ActionItem[],
  state: FormState = {},
): AdaptiveCard {
  const body: unknown[] = [];
  if (state.error) body.push(textBlock(`✗ ${state.error}`, { color: 'Attention', weight: 'Bolder' }));
  if (item) {
    body.push(textBlock(`Update ${item.planCode}:${item.ref}`, { size: 'Medium', weight: 'Bolder' }));
    body.push(renderItem(item));
  } else {
    body.push(textBlock('Update one of your actions', { size: 'Medium', weight: 'Bolder' }));
    body.push({
      type: 'Input.ChoiceSet',
      id: 'target',
      label: 'Action',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose an action.',
      choices: choices.map((c) => ({ title: `${c.ref} ${c.title}`, value: `${c.planCode}:${c.ref}` })),
    });
  }
  body.push(...formInputs(item, state));
  return createCard(body, [submitAction('Save update', { [SUBMIT_KEY]: 'update', target: targetOf(item) })]);
}

/**
 * A prompt line: the action, quick status buttons, and "Add note" opening the form in place. The
 * buttons are Universal Actions (Action.Execute): each answer brings the card up to date. `asOf` (when
 * the prompt was composed) travels with them: a press on a stale copy records nothing. An action
 * updated since shows what was recorded instead of its buttons.
 */
export function renderPromptItem(item: ActionItem, asOf?: string): Element {
  const line = renderItem(item);
  if (item.recorded)
    return {
      ...line,
      items: [
        ...(line.items as unknown[]),
        textBlock(`✓ ${describeRecorded(item.recorded)}`, { color: 'Good' }),
      ],
    };
  const target = targetOf(item);
  const when = asOf ? { asOf } : {};
  const quick = RATED_STATUSES.map((status) =>
    executeAction(describeStatus(status), { [SUBMIT_KEY]: 'quick', target, status, ...when }),
  );
  // Inputs are named after their action: ids must be unique in the whole card (Teams merges them).
  const form = createCard(formInputs(item, {}, target), [
    executeAction('Save update', { [SUBMIT_KEY]: 'update', target, ...when }),
  ]);
  return {
    ...line,
    items: [
      ...(line.items as unknown[]),
      { type: 'ActionSet', actions: [...quick, { type: 'Action.ShowCard', title: 'Add note', card: form }] },
    ],
  };
}

function formInputs(item: ActionItem | null, state: FormState, idSuffix?: string): unknown[] {
  const current = item && item.status !== 'NOT_RATED' ? item.status : null;
  const chosen = state.status === undefined ? current : state.status;
  return [
    {
      type: 'Input.ChoiceSet',
      id: inputId('status', idSuffix),
      label: 'Status',
      style: 'compact',
      placeholder: 'Choose a status',
      value: chosen ?? '',
      choices: RATED_STATUSES.map((s) => ({
        title: `${STATUS_MARKS[s]} ${describeStatus(s)}${s === current ? ' (current)' : ''}`,
        value: s,
      })),
    },
    {
      type: 'Input.Text',
      id: inputId('note', idSuffix),
      label: 'Note',
      isMultiline: true,
      maxLength: MAX_NOTE_LENGTH,
      placeholder: 'What has happened since the last update?',
      value: state.note ?? '',
    },
    textBlock('Red needs what is blocking and what help is needed; Complete needs the evidence.', {
      isSubtle: true,
      size: 'Small',
    }),
  ];
}
