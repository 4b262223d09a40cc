import { FLAG_WORDS, STATUS_MARKS } from '../commands/present.ts';
import type { ActionItem, Block, Reply } from '../commands/reply.ts';
import { describeRecorded } from '../commands/scheduled/living-prompt.ts';
import { describeStatus } from '../domain/status.ts';

/** Renders a reply as plain text: the console's output, and the notification text of a chat message. */
export function renderText(reply: Reply): string {
  return reply.blocks.map(renderBlock).filter(Boolean).join('\n');
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `== ${block.text} ==`;
    case 'paragraph':
      return block.text;
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'actions':
      return block.items.length ? block.items.map(renderItem).join('\n') : '(none)';
    case 'update-form':
      return block.item
        ? `${renderItem(block.item)}\nTo update it, type: update ${block.item.ref} <red|amber|green|complete> <note>`
        : `Which action? ${block.choices.length ? `Yours:\n${block.choices.map(renderItem).join('\n')}\n` : ''}Type: update <ref> <status> <note>`;
    case 'update-prompt':
      return `${block.items.map((i) => (i.recorded ? `${renderItem(i)}\n        ✓ ${describeRecorded(i.recorded)}` : renderItem(i))).join('\n')}\nTo update one, type: update <ref> <red|amber|green|complete> <note>`;
    case 'feedback-form':
      return ''; // the reply's paragraphs say how to send feedback as text
    case 'file':
      if (block.encoding === 'base64')
        return `${block.summary}\n(${block.name}: a Word document; save it with npx actionbot report --format docx --out ${block.name})`;
      return block.mediaType.startsWith('text/html')
        ? `${block.summary}\n(${block.name}: HTML; save it with npx actionbot report --format html --out ${block.name})`
        : `${block.summary}\n${block.content}`;
    case 'command-button':
      // "To import, type: import ...", "To read them, type: feedback list ARAP:2.4".
      return `To ${block.label.charAt(0).toLowerCase()}${block.label.slice(1)}, type: ${block.command}`;
    case 'command-choices':
      return `To answer, type one of: ${block.choices.map((c) => c.command).join(' | ')}${block.comment ? ' (a comment after --)' : ''}`;
    case 'success':
      return `✓ ${block.text}`;
    case 'error':
      return `✗ ${block.text}`;
  }
}

function renderItem(item: ActionItem): string {
  const flags = item.flags.map((f) => ` [${FLAG_WORDS[f]}]`).join('');
  return `${STATUS_MARKS[item.status]} ${item.ref.padEnd(5)} ${describeStatus(item.status).padEnd(13)} ${item.title}\n        ${item.owners.join('; ')} · due ${item.due}${flags}`;
}
