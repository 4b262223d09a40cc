import type { Activity, Attachment } from 'botbuilder';
import type { ActionItem, Block, Reply } from '../../commands/reply.ts';
import { MAX_FEEDBACK_LENGTH } from '../../domain/feedback.ts';
import { describeStatus, RATED_STATUSES, type RatedStatus, type Status } from '../../domain/status.ts';
import { SUBMIT_KEY } from './card-submit.ts';

/** An Adaptive Card as JSON; Teams renders schema 1.4 on desktop, web and mobile. */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: unknown[];
  actions?: unknown[];
};
type Element = Record<string, unknown>;
/** Part of a card: elements, and the buttons at its foot. */
type CardPart = { body: unknown[]; actions?: unknown[] };

// Colour alone never carries the status: the word is always printed too.
const MARK: Record<Status, string> = { NOT_RATED: '⚪', RED: '🔴', AMBER: '🟠', GREEN: '🟢', COMPLETE: '🔵' };
const FLAG_TEXT = { overdue: 'OVERDUE', 'needs-update': 'needs update', stale: 'STALE' };
// Teams refuses messages over about 28 KB: long listings go out as several cards.
const ITEMS_PER_CARD = 25;
const PROMPT_ITEMS_PER_CARD = 8;
// Report files longer than this are not pasted into chat.
const MAX_INLINE_FILE = 12_000;
const NOTE_MAX = 4_000;

/** What an update form shows besides the action: a status chosen in advance, a note kept, an error. */
export type FormState = { status?: RatedStatus | null; note?: string; error?: string };

/**
 * Renders a reply as Teams messages: plain replies (help lines, confirmations, refusals) as markdown
 * text; listings, `show` and forms as Adaptive Cards, split into several when long.
 */
export function renderTeamsReply(reply: Reply): Partial<Activity>[] {
  if (!reply.blocks.some(needsCard)) {
    return [
      { type: 'message', textFormat: 'markdown', text: reply.blocks.map(renderBlockText).join('\n\n') },
    ];
  }
  const cards: CardPart[] = [{ body: [] }];
  for (const block of reply.blocks) {
    renderBlockParts(block).forEach((part, i) => {
      if (i > 0) cards.push({ body: [] });
      const card = cards[cards.length - 1] as CardPart;
      card.body.push(...part.body);
      if (part.actions) card.actions = [...(card.actions ?? []), ...part.actions];
    });
  }
  return cards.filter((c) => c.body.length > 0).map((c) => toCardMessage(createCard(c.body, c.actions)));
}

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

/** Wraps a card as a message. */
export function toCardMessage(card: AdaptiveCard): Partial<Activity> {
  const attachment: Attachment = { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
  return { type: 'message', attachments: [attachment] };
}

function needsCard(block: Block): boolean {
  return ['fields', 'actions', 'update-form', 'update-prompt', 'feedback-form'].includes(block.type);
}

function renderBlockText(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `**${block.text}**`;
    case 'paragraph':
      return block.text.split('\n').join('\n\n');
    case 'success':
      return `✓ ${block.text}`;
    case 'error':
      return `✗ ${block.text}`;
    case 'file':
      return renderFileText(block);
    default:
      return '';
  }
}

function renderFileText(block: Extract<Block, { type: 'file' }>): string {
  if (block.mediaType.startsWith('text/html') || block.content.length > MAX_INLINE_FILE)
    return `${block.summary}\n\n(${block.name}: too large for a chat message; save it with npx actionbot report --out ${block.name})`;
  return `${block.summary}\n\n\`\`\`\n${block.content}\n\`\`\``;
}

/** A block's card parts; more than one means "continue in the next card". */
function renderBlockParts(block: Block): CardPart[] {
  switch (block.type) {
    case 'heading':
      return [{ body: [textBlock(block.text, { size: 'Medium', weight: 'Bolder' })] }];
    case 'paragraph':
      // Cards join a paragraph's lines into one: give each line its own TextBlock.
      return [
        { body: block.text.split('\n').map((line, i) => textBlock(line, i > 0 ? { spacing: 'None' } : {})) },
      ];
    case 'fields': {
      const facts = block.fields.map((f) => ({ title: f.label, value: escapeListStart(f.value) }));
      return [{ body: [{ type: 'FactSet', facts }] }];
    }
    case 'actions':
      return block.items.length
        ? chunk(block.items, ITEMS_PER_CARD).map((items) => ({ body: items.map(renderItem) }))
        : [{ body: [textBlock('(none)', { isSubtle: true })] }];
    case 'update-form': {
      if (!block.item && block.choices.length === 0)
        return [
          { body: [textBlock('You have no actions to update. Type update <ref> for one you may update.')] },
        ];
      const { body, actions } = buildUpdateFormCard(block.item, block.choices);
      return [{ body, ...(actions ? { actions } : {}) }];
    }
    case 'update-prompt':
      return chunk(block.items, PROMPT_ITEMS_PER_CARD).map((items) => ({
        body: items.map(renderPromptItem),
      }));
    case 'success':
      return [{ body: [textBlock(`✓ ${block.text}`, { color: 'Good' })] }];
    case 'error':
      return [{ body: [textBlock(`✗ ${block.text}`, { color: 'Attention' })] }];
    case 'feedback-form':
      return [
        {
          body: feedbackFormBody(block),
          actions: [submitAction('Send anonymously', { [SUBMIT_KEY]: 'feedback' })],
        },
      ];
    case 'file':
      return [{ body: [textBlock(renderFileText(block))] }];
  }
}

function renderItem(item: ActionItem): Element {
  const flags = item.flags.map((f) => ` · **${FLAG_TEXT[f]}**`).join('');
  const details = [
    `${item.owners.join('; ') || 'No owner'} · due ${item.due}${flags}`,
    item.lastUpdate ? `Last update: ${item.lastUpdate}` : null,
  ].filter(Boolean);
  return {
    type: 'Container',
    separator: true,
    items: [
      textBlock(`${MARK[item.status]} **${item.ref}** ${describeStatus(item.status)} — ${item.title}`),
      ...details.map((d) => textBlock(d as string, { isSubtle: true, size: 'Small', spacing: 'None' })),
    ],
  };
}

/** A prompt line: the action, quick status buttons, and "Add note" opening the form in place. */
function renderPromptItem(item: ActionItem): Element {
  const target = targetOf(item);
  const quick = RATED_STATUSES.map((status) =>
    submitAction(describeStatus(status), { [SUBMIT_KEY]: 'quick', target, status }),
  );
  const form = createCard(formInputs(item, {}), [
    submitAction('Save update', { [SUBMIT_KEY]: 'update', target }),
  ]);
  const line = renderItem(item);
  return {
    ...line,
    items: [
      ...(line.items as unknown[]),
      { type: 'ActionSet', actions: [...quick, { type: 'Action.ShowCard', title: 'Add note', card: form }] },
    ],
  };
}

function formInputs(item: ActionItem | null, state: FormState): unknown[] {
  const current = item && item.status !== 'NOT_RATED' ? item.status : null;
  const chosen = state.status === undefined ? current : state.status;
  return [
    {
      type: 'Input.ChoiceSet',
      id: 'status',
      label: 'Status',
      style: 'compact',
      placeholder: 'Choose a status',
      value: chosen ?? '',
      choices: RATED_STATUSES.map((s) => ({
        title: `${MARK[s]} ${describeStatus(s)}${s === current ? ' (current)' : ''}`,
        value: s,
      })),
    },
    {
      type: 'Input.Text',
      id: 'note',
      label: 'Note',
      isMultiline: true,
      maxLength: NOTE_MAX,
      placeholder: 'What has happened since the last update?',
      value: state.note ?? '',
    },
    textBlock('Red needs what is blocking and what help is needed; Complete needs the evidence.', {
      isSubtle: true,
      size: 'Small',
    }),
  ];
}

function targetOf(item: ActionItem | null): string | undefined {
  return item ? `${item.planCode}:${item.ref}` : undefined;
}

// Card markdown reads "1. Leadership" as a numbered list item; a theme or note starting so is plain text.
function escapeListStart(text: string): string {
  return text.replace(/^(\d+)\. /, '$1\\. ');
}

/** The anonymous feedback form: what is stored, the text, searchable tags, and "send as written". */
function feedbackFormBody(block: Extract<Block, { type: 'feedback-form' }>): unknown[] {
  return [
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
    },
    {
      type: 'Input.ChoiceSet',
      id: 'tags',
      label: 'What it is about (optional)',
      isMultiSelect: true,
      style: 'filtered',
      value: block.selected.join(','),
      choices: block.choices.map((c) => ({ title: c.label, value: c.value })),
    },
    {
      type: 'Input.Toggle',
      id: 'asIs',
      title: 'Send it as I wrote it, even if it might identify someone',
      valueOn: 'as-is',
      valueOff: '',
    },
  ];
}

function submitAction(title: string, data: Record<string, unknown>): Element {
  return { type: 'Action.Submit', title, data };
}

function textBlock(text: string, options: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

function createCard(body: unknown[], actions?: unknown[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body,
    ...(actions ? { actions } : {}),
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
