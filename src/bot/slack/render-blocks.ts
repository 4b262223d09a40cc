import type { types } from '@slack/bolt';
import { FLAG_WORDS, STATUS_MARKS } from '../../commands/present.ts';
import { type ActionItem, type Block, LIST_NOTE_LENGTH, LIST_TITLE_LENGTH } from '../../commands/reply.ts';
import { describeRecorded } from '../../commands/scheduled/living-prompt.ts';
import { formatTarget } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import { describeStatus, RATED_STATUSES } from '../../domain/status.ts';
import { ACTION_IDS, context, escapeMrkdwn, plain, type SlackBlock } from './block-kit.ts';

// Slack's limits: 3000 characters a section, 150 a header, 75 a button label.
const MAX_SECTION = 3000;
const MAX_HEADER = 150;
const MAX_BUTTON = 75;

// Warnings in bold, the gentler reminder in italics.
const FLAG_EMPHASIS = { overdue: '*', 'needs-update': '_', stale: '*' } as const;

/** Blocks that must stay in one message (an action and its buttons). */
export type Group = SlackBlock[];

/** One block of a reply as Block Kit: the groups it takes, each kept whole within a message. */
export function renderBlock(block: Block): Group[] {
  switch (block.type) {
    case 'heading':
      return [
        [
          {
            type: 'header',
            text: { type: 'plain_text', text: truncate(block.text, MAX_HEADER), emoji: true },
          },
        ],
      ];
    case 'paragraph':
      return sections(escapeMrkdwn(block.text));
    case 'fields':
      return sections(
        block.fields.map((f) => `*${escapeMrkdwn(f.label)}:* ${escapeMrkdwn(f.value)}`).join('\n'),
      );
    case 'actions':
      return block.items.length ? packSections(block.items.map(describeItem)) : sections('_None._');
    case 'update-form':
      // Only reached when a form could not be opened (no trigger): offer the button instead.
      return block.item
        ? [[...sections(describeItem(block.item)).flat(), actionButtons(block.item, false)]]
        : sections('Which action? Type `/action update <ref>` or pick one in the Actionbot home tab.');
    case 'update-prompt':
      // Every action keeps its buttons, however many there are: long prompts continue in a next part.
      // One updated since shows what was recorded instead, in as many blocks, so parts stay the same.
      return block.items.map((item) => [
        { type: 'section', text: { type: 'mrkdwn', text: truncate(describeItem(item), MAX_SECTION) } },
        item.recorded
          ? context(`:white_check_mark: ${escapeMrkdwn(describeRecorded(item.recorded))}`)
          : actionButtons(item, true, block.asOf),
      ]);
    case 'feedback-form':
      return []; // opened as a modal where there is a trigger; otherwise the paragraphs explain
    case 'file':
      return [
        ...sections(escapeMrkdwn(block.summary)),
        block.mediaType.startsWith('text/html')
          ? [
              context(
                `${block.name}: save the HTML report with \`npx actionbot report --format html --out ${block.name}\`.`,
              ),
            ]
          : [codeSection(block.content)],
      ];
    case 'command-button':
      // Pressed, it runs its command as typed text (listeners/actions/run-command.ts).
      return [
        [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: ACTION_IDS.runCommand,
                text: plain(truncate(block.label, MAX_BUTTON)),
                value: block.command,
                style: 'primary',
              },
            ],
          },
        ],
      ];
    case 'command-choices':
      // Each runs its command like a command button; action_ids are unique within the message.
      return [
        [
          {
            type: 'actions',
            elements: block.choices.map((c, i) => ({
              type: 'button',
              action_id: `${ACTION_IDS.runCommand}:${i}`,
              text: plain(truncate(c.label, MAX_BUTTON)),
              value: c.command,
            })),
          },
        ],
      ];
    case 'success':
      return sections(`:white_check_mark: ${escapeMrkdwn(block.text)}`);
    case 'error':
      return sections(`:warning: ${escapeMrkdwn(block.text)}`);
  }
}

/** The buttons under an action: quick statuses (prompts) and "Add note"/"Update", which opens the form. */
function actionButtons(item: ActionItem, quick: boolean, asOf?: string): SlackBlock {
  const target = formatTarget(item.planCode, item.ref);
  const statusButtons = quick
    ? RATED_STATUSES.map(
        (status): types.Button => ({
          type: 'button',
          action_id: `${ACTION_IDS.quickStatus}:${status}`,
          text: { type: 'plain_text', text: describeStatus(status) },
          // `asOf`: a press on a copy older than the action's latest update records nothing.
          value: JSON.stringify({ target, status, ...(asOf ? { asOf } : {}) }),
          ...(status === 'GREEN' || status === 'COMPLETE' ? { style: 'primary' as const } : {}),
        }),
      )
    : [];
  return {
    type: 'actions',
    block_id: `act:${target}`,
    elements: [
      ...statusButtons,
      {
        type: 'button',
        action_id: ACTION_IDS.openUpdate,
        text: { type: 'plain_text', text: quick ? 'Add note' : 'Update' },
        value: target,
      },
    ],
  };
}

/** Two lines about an action, as mrkdwn. */
export function describeItem(item: ActionItem): string {
  const flags = item.flags.map((f) => ` · ${FLAG_EMPHASIS[f]}${FLAG_WORDS[f]}${FLAG_EMPHASIS[f]}`).join('');
  const last = item.lastUpdate
    ? `\nLast update: ${escapeMrkdwn(truncate(item.lastUpdate, LIST_NOTE_LENGTH))}`
    : '';
  return `${STATUS_MARKS[item.status]} *${escapeMrkdwn(item.ref)}* ${describeStatus(item.status)} — ${escapeMrkdwn(truncate(item.title, LIST_TITLE_LENGTH))}\n${escapeMrkdwn(item.owners.join('; ') || 'no owner')} · due ${escapeMrkdwn(item.due)}${flags}${last}`;
}

/** Texts (one per action) packed into as few sections as fit, never splitting one text. */
function packSections(texts: string[]): Group[] {
  const packed: string[] = [];
  for (const text of texts.map((t) => truncate(t, MAX_SECTION))) {
    const last = packed[packed.length - 1];
    if (last !== undefined && last.length + 2 + text.length <= MAX_SECTION)
      packed[packed.length - 1] = `${last}\n\n${text}`;
    else packed.push(text);
  }
  return packed.map((text) => [{ type: 'section', text: { type: 'mrkdwn', text } }]);
}

/** A code block within one section (its fences counted). */
function codeSection(content: string): SlackBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: `\`\`\`${truncate(content, MAX_SECTION - 6)}\`\`\`` },
  };
}

/** Text as sections of at most 3000 characters, split at line ends; each may go in its own message. */
function sections(text: string): Group[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > MAX_SECTION) {
    const at = rest.lastIndexOf('\n', MAX_SECTION);
    const split = at > MAX_SECTION / 2 ? at : MAX_SECTION;
    chunks.push(rest.slice(0, split));
    rest = rest.slice(split).replace(/^\n/, '');
  }
  chunks.push(rest);
  return chunks.map((chunk) => [{ type: 'section', text: { type: 'mrkdwn', text: chunk || ' ' } }]);
}
