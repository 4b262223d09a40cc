import type { Activity, Attachment } from 'botbuilder';
import { truncate } from '../../commands/refs.ts';
import {
  type ActionItem,
  type Block,
  LIST_NOTE_LENGTH,
  LIST_TITLE_LENGTH,
  type Reply,
} from '../../commands/reply.ts';
import { MAX_FEEDBACK_LENGTH } from '../../domain/feedback.ts';
import { describeStatus, RATED_STATUSES, type RatedStatus, type Status } from '../../domain/status.ts';
import { MAX_NOTE_LENGTH } from '../../domain/update-rules.ts';
import { inputId, SUBMIT_KEY } from './card-submit.ts';

/** An Adaptive Card as JSON; Teams renders schema 1.5 on desktop, web and mobile. */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: unknown[];
  actions?: unknown[];
};
type Element = Record<string, unknown>;
/** A piece of a card that stays whole (an action, a form): elements, and buttons at the card's foot. */
type CardPart = { body: unknown[]; actions?: unknown[] };

// Colour alone never carries the status: the word is always printed too.
const MARK: Record<Status, string> = { NOT_RATED: '⚪', RED: '🔴', AMBER: '🟠', GREEN: '🟢', COMPLETE: '🔵' };
const FLAG_TEXT = { overdue: 'OVERDUE', 'needs-update': 'needs update', stale: 'STALE' };
const CARD_VERSION = '1.5';
// Teams refuses an activity over 100 KB counted as UTF-16 (Microsoft advises staying under 80 KB).
// Messages are filled to this, measured, leaving room for the envelope the SDK adds.
const MESSAGE_BUDGET_BYTES = 72 * 1024;
// A card's feedback tags are offered as a searchable list while they fit in this; past it, themes only.
const TAG_CHOICES_BUDGET_BYTES = 40 * 1024;
// One TextBlock holds at most this much; longer lines continue in the next.
const MAX_TEXT_BLOCK = 8_000;
// Report files longer than this are not pasted into chat.
const MAX_INLINE_FILE = 12_000;

/** What an update form shows besides the action: a status chosen in advance, a note kept, an error. */
export type FormState = { status?: RatedStatus | null; note?: string; error?: string };

/**
 * Renders a reply as Teams messages: plain replies (help lines, confirmations, refusals) as markdown
 * text; listings, `show` and forms as Adaptive Cards. Whatever the reply's size, each message stays
 * under Teams' limit: cards are filled by measured size and a long reply continues in more cards,
 * each marked "Part k of n"; nothing is dropped.
 */
export function renderTeamsReply(reply: Reply): Partial<Activity>[] {
  // A reply with the feedback form says around it how to type the same in text; the card is enough.
  const form = reply.blocks.find((b) => b.type === 'feedback-form');
  if (form) return [toCardMessage(createCard(...formCard(form)))];
  if (!reply.blocks.some(needsCard)) return packText(reply.blocks.map(renderBlockText).filter(Boolean));
  const cards: CardPart[] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const part of reply.blocks.flatMap(renderBlockParts)) {
    const partSize = measure(part);
    let card = cards[cards.length - 1];
    // A form's buttons submit every input of their card: a form never shares a card with another.
    if (!card || size + partSize > MESSAGE_BUDGET_BYTES || (part.actions && card.actions)) {
      card = { body: [] };
      cards.push(card);
      size = measure(toCardMessage(createCard([])));
    }
    card.body.push(...part.body);
    if (part.actions) card.actions = [...(card.actions ?? []), ...part.actions];
    size += partSize;
  }
  return cards.map((c, i) => {
    const marked =
      cards.length > 1
        ? [...c.body, textBlock(`Part ${i + 1} of ${cards.length}`, { isSubtle: true, size: 'Small' })]
        : c.body;
    return toCardMessage(createCard(marked, c.actions));
  });
}

/** Markdown text as messages that fit, split at paragraph and line ends. */
function packText(paragraphs: string[]): Partial<Activity>[] {
  const lines = paragraphs
    .join('\n\n')
    .split('\n')
    .flatMap((line) => splitLong(line));
  const texts: string[] = [''];
  for (const line of lines) {
    const last = texts[texts.length - 1] as string;
    if (last && (last.length + line.length + 1) * 2 > MESSAGE_BUDGET_BYTES) texts.push(line);
    else texts[texts.length - 1] = last ? `${last}\n${line}` : line;
  }
  return texts.map((text) => ({ type: 'message', textFormat: 'markdown', text }));
}

/** The size Teams counts for a message or a part of one: its JSON as UTF-16. */
function measure(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

function splitLong(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += MAX_TEXT_BLOCK) pieces.push(text.slice(i, i + MAX_TEXT_BLOCK));
  return pieces.length ? pieces : [''];
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

/** A block as card parts, each kept whole; a long block gives many, which may fill several cards. */
function renderBlockParts(block: Block): CardPart[] {
  switch (block.type) {
    case 'heading':
      return [{ body: [textBlock(block.text, { size: 'Medium', weight: 'Bolder' })] }];
    case 'paragraph':
      // Cards join a paragraph's lines into one: give each line its own TextBlock.
      return block.text
        .split('\n')
        .flatMap(splitLong)
        .map((line, i) => ({ body: [textBlock(line || ' ', i > 0 ? { spacing: 'None' } : {})] }));
    case 'fields': {
      const facts = block.fields.map((f) => ({ title: f.label, value: escapeListStart(f.value) }));
      return [{ body: [{ type: 'FactSet', facts }] }];
    }
    case 'actions':
      return block.items.length
        ? block.items.map((item) => ({ body: [renderItem(item)] }))
        : [{ body: [textBlock('(none)', { isSubtle: true })] }];
    case 'update-form': {
      const { body, actions } = buildUpdateFormCard(block.item, block.choices);
      return [{ body, ...(actions ? { actions } : {}) }];
    }
    case 'update-prompt':
      return block.items.map((item) => ({ body: [renderPromptItem(item)] }));
    case 'success':
      return [{ body: [textBlock(`✓ ${block.text}`, { color: 'Good' })] }];
    case 'error':
      return [{ body: [textBlock(`✗ ${block.text}`, { color: 'Attention' })] }];
    case 'feedback-form': {
      const [body, actions] = formCard(block);
      return [{ body, actions }];
    }
    case 'file':
      return [{ body: [textBlock(renderFileText(block))] }];
  }
}

function renderItem(item: ActionItem): Element {
  const flags = item.flags.map((f) => ` · **${FLAG_TEXT[f]}**`).join('');
  const details = [
    `${item.owners.join('; ') || 'No owner'} · due ${item.due}${flags}`,
    item.lastUpdate ? `Last update: ${truncate(item.lastUpdate, LIST_NOTE_LENGTH)}` : null,
  ].filter(Boolean);
  return {
    type: 'Container',
    separator: true,
    items: [
      textBlock(
        `${MARK[item.status]} **${item.ref}** ${describeStatus(item.status)} — ${truncate(item.title, LIST_TITLE_LENGTH)}`,
      ),
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
  // Inputs are named after their action: ids must be unique in the whole card (Teams merges them).
  const form = createCard(formInputs(item, {}, target), [
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
        title: `${MARK[s]} ${describeStatus(s)}${s === current ? ' (current)' : ''}`,
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

function targetOf(item: ActionItem | null): string | undefined {
  return item ? `${item.planCode}:${item.ref}` : undefined;
}

// Card markdown reads "1. Leadership" as a numbered list item; a theme or note starting so is plain text.
function escapeListStart(text: string): string {
  return text.replace(/^(\d+)\. /, '$1\\. ');
}

/** The feedback form card's body and its button. */
function formCard(block: Extract<Block, { type: 'feedback-form' }>): [unknown[], unknown[]] {
  return [feedbackFormBody(block), [submitAction('Send anonymously', { [SUBMIT_KEY]: 'feedback' })]];
}

/**
 * The anonymous feedback form: what is stored, the text, what it is about (a searchable list of every
 * theme and action while they fit in the card, else of the themes), more refs typed, "send as written".
 */
function feedbackFormBody(block: Extract<Block, { type: 'feedback-form' }>): unknown[] {
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
    version: CARD_VERSION,
    body,
    ...(actions ? { actions } : {}),
  };
}
