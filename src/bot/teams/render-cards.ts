import type { Activity } from 'botbuilder';
import type { Block, Reply } from '../../commands/reply.ts';
import {
  createCard,
  escapeListStart,
  keepAngleWords,
  measure,
  renderItem,
  submitAction,
  textBlock,
  toCardMessage,
} from './card-elements.ts';
import { SUBMIT_KEY } from './card-submit.ts';
import { feedbackDialogButton, feedbackFormParts } from './feedback-card.ts';
import { buildUpdateFormCard, renderPromptItem } from './form-cards.ts';

/** A piece of a card that stays whole (an action, a form): elements, and buttons at the card's foot. */
type CardPart = { body: unknown[]; actions?: unknown[]; buttonsOnly?: boolean };

// Teams refuses an activity over 100 KB counted as UTF-16 (Microsoft advises staying under 80 KB).
// Messages are filled to this, measured, leaving room for the envelope the SDK adds.
const MESSAGE_BUDGET_BYTES = 72 * 1024;
// One TextBlock holds at most this much; longer lines continue in the next.
const MAX_TEXT_BLOCK = 8_000;
// Report files longer than this are not pasted into chat.
const MAX_INLINE_FILE = 12_000;
// A command button asking for the feedback form (`feedback`, `feedback 2.4 theme 3`): never a submission,
// nor an owner's or submitter's sub-command (`feedback list 2.4`: the release notice's Read button).
const FEEDBACK_FORM_COMMAND = /^feedback(?:\s+(?!(?:check|withdraw|list|reply)\b)((?:(?!--)[^\n])*))?$/i;

/**
 * Renders a reply as Teams messages: plain replies (help lines, confirmations, refusals) as markdown
 * text; listings, `show` and forms as Adaptive Cards. Whatever the reply's size, each message stays
 * under Teams' limit: cards are filled by measured size and a long reply continues in more cards,
 * each marked "Part k of n"; nothing is dropped.
 */
export function renderTeamsReply(reply: Reply): Partial<Activity>[] {
  // A reply with the feedback form says around it how to type the same in text; the card is enough.
  const form = reply.blocks.find((b) => b.type === 'feedback-form');
  if (form) {
    // A refusal that opens the form instead (feedback typed into a chat) keeps its one line first.
    const refusal = reply.blocks.find((b) => b.type === 'error');
    const card = toCardMessage(createCard(...feedbackFormParts(form)));
    return refusal ? [...packText([renderBlockText(refusal)]), card] : [card];
  }
  if (!reply.blocks.some(needsCard)) return packText(reply.blocks.map(renderBlockText).filter(Boolean));
  const cards: CardPart[] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const part of reply.blocks.flatMap(renderBlockParts)) {
    const partSize = measure(part);
    let card = cards[cards.length - 1];
    // A form's buttons submit every input of their card: a form never shares a card with another.
    // Command buttons carry their whole command and submit no input: they share one card's foot.
    const shared = part.buttonsOnly && card?.buttonsOnly;
    if (!card || size + partSize > MESSAGE_BUDGET_BYTES || (part.actions && card.actions && !shared)) {
      card = { body: [] };
      cards.push(card);
      size = measure(toCardMessage(createCard([])));
    }
    card.body.push(...part.body);
    if (part.actions) {
      card.actions = [...(card.actions ?? []), ...part.actions];
      card.buttonsOnly = (card.buttonsOnly ?? true) && Boolean(part.buttonsOnly);
    }
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

function splitLong(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += MAX_TEXT_BLOCK) pieces.push(text.slice(i, i + MAX_TEXT_BLOCK));
  return pieces.length ? pieces : [''];
}

function needsCard(block: Block): boolean {
  return [
    'fields',
    'actions',
    'update-form',
    'update-prompt',
    'feedback-form',
    'command-button',
    'command-choices',
  ].includes(block.type);
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
  if (
    block.encoding === 'base64' ||
    block.mediaType.startsWith('text/html') ||
    block.content.length > MAX_INLINE_FILE
  )
    return `${block.summary}\n\n(${block.name}: ${block.encoding === 'base64' ? 'a Word document' : 'too large for a chat message'}; save it with npx actionbot report --out ${block.name})`;
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
      const facts = block.fields.map((f) => ({
        title: keepAngleWords(f.label),
        value: escapeListStart(f.value),
      }));
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
      return block.items.map((item) => ({ body: [renderPromptItem(item, block.asOf)] }));
    case 'success':
      return [{ body: [textBlock(`✓ ${block.text}`, { color: 'Good' })] }];
    case 'error':
      return [{ body: [textBlock(`✗ ${block.text}`, { color: 'Attention' })] }];
    case 'feedback-form': {
      const [body, actions] = feedbackFormParts(block);
      return [{ body, actions }];
    }
    case 'file':
      return [{ body: [textBlock(renderFileText(block))] }];
    case 'command-choices':
      // Each runs its command as typed text (readCommandSubmit); the comment input's text follows ` -- `.
      return [
        {
          body: block.comment
            ? [
                {
                  type: 'Input.Text',
                  id: 'comment',
                  label: block.comment,
                  isMultiline: true,
                  maxLength: 3000,
                },
              ]
            : [],
          actions: block.choices.map((c) =>
            submitAction(c.label, { [SUBMIT_KEY]: 'command', text: c.command }),
          ),
        },
      ];
    case 'command-button': {
      // `feedback [refs]` opens its form in a dialog (feedback-dialog.ts): nothing of it enters the chat.
      const feedback = FEEDBACK_FORM_COMMAND.exec(block.command);
      if (feedback)
        return [
          { body: [], actions: [feedbackDialogButton(block.label, [feedback[1] ?? ''])], buttonsOnly: true },
        ];
      // Pressed, it runs its command as typed text (readCommandSubmit), through the one pipeline.
      return [
        {
          body: [],
          actions: [submitAction(block.label, { [SUBMIT_KEY]: 'command', text: block.command })],
          buttonsOnly: true,
        },
      ];
    }
  }
}
