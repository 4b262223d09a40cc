import type { types } from '@slack/bolt';
import type { ActionItem, Block, Reply } from '../../commands/reply.ts';
import { describeStatus, RATED_STATUSES, type Status } from '../../domain/status.ts';
import { renderText } from '../console/render-text.ts';

/** A Block Kit block, typed by Slack's own definitions. */
export type SlackBlock = types.KnownBlock;

/** A message Slack accepts: blocks, plus plain text for notifications and screen readers. */
export type SlackMessage = { text: string; blocks: SlackBlock[] };

/** action_ids of the buttons this front door handles. */
export const ACTION_IDS = {
  quickStatus: 'quick_status',
  openUpdate: 'open_update',
  openFeedback: 'open_feedback',
} as const;

// Slack's limits: 50 blocks a message, 3000 characters a section, 150 a header, 75 a button label.
const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_HEADER = 150;
const MAX_FALLBACK = 3000;
const MAX_PROMPT_ITEMS = 20;

// Colour never carries the status alone: the word follows the mark.
const MARK: Record<Status, string> = {
  NOT_RATED: ':white_circle:',
  RED: ':red_circle:',
  AMBER: ':large_orange_circle:',
  GREEN: ':large_green_circle:',
  COMPLETE: ':large_blue_circle:',
};
const FLAG_TEXT = { overdue: '*OVERDUE*', 'needs-update': '_needs an update this cycle_', stale: '*STALE*' };

/** Renders a reply as a Slack message. */
export function renderSlackMessage(reply: Reply): SlackMessage {
  const blocks = reply.blocks.flatMap(renderBlock);
  return {
    text: cut(renderText(reply), MAX_FALLBACK),
    blocks:
      blocks.length > MAX_BLOCKS
        ? [
            ...blocks.slice(0, MAX_BLOCKS - 1),
            context('Cut short: Slack shows 50 blocks at most. Narrow it, e.g. list theme 2.'),
          ]
        : blocks,
  };
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return [
        { type: 'header', text: { type: 'plain_text', text: cut(block.text, MAX_HEADER), emoji: true } },
      ];
    case 'paragraph':
      return sections(escapeMrkdwn(block.text));
    case 'fields':
      return sections(
        block.fields.map((f) => `*${escapeMrkdwn(f.label)}:* ${escapeMrkdwn(f.value)}`).join('\n'),
      );
    case 'actions':
      return block.items.length ? sections(block.items.map(describeItem).join('\n\n')) : sections('_None._');
    case 'update-form':
      // Only reached when a form could not be opened (no trigger): offer the button instead.
      return block.item
        ? [...sections(describeItem(block.item)), actionButtons(block.item, false)]
        : sections('Which action? Type `/action update <ref>` or pick one in the Actionbot home tab.');
    case 'update-prompt':
      return renderPrompt(block.items);
    case 'feedback-form':
      return []; // opened as a modal where there is a trigger; otherwise the paragraphs explain
    case 'file':
      return [
        ...sections(escapeMrkdwn(block.summary)),
        ...(block.mediaType.startsWith('text/html')
          ? [
              context(
                `${block.name}: save the HTML report with \`npx actionbot report --format html --out ${block.name}\`.`,
              ),
            ]
          : sections(`\`\`\`${cut(block.content, MAX_SECTION - 10)}\`\`\``)),
      ];
    case 'success':
      return sections(`:white_check_mark: ${escapeMrkdwn(block.text)}`);
    case 'error':
      return sections(`:warning: ${escapeMrkdwn(block.text)}`);
  }
}

function renderPrompt(items: ActionItem[]): SlackBlock[] {
  const shown = items.slice(0, MAX_PROMPT_ITEMS);
  const blocks = shown.flatMap((item) => [...sections(describeItem(item)), actionButtons(item, true)]);
  if (items.length > shown.length)
    blocks.push(context(`And ${items.length - shown.length} more: type \`/action mine\` to see them all.`));
  return blocks;
}

/** The buttons under an action: quick statuses (prompts) and "Add note"/"Update", which opens the form. */
function actionButtons(item: ActionItem, quick: boolean): SlackBlock {
  const target = `${item.planCode}:${item.ref}`;
  const statusButtons = quick
    ? RATED_STATUSES.map(
        (status): types.Button => ({
          type: 'button',
          action_id: `${ACTION_IDS.quickStatus}:${status}`,
          text: { type: 'plain_text', text: describeStatus(status) },
          value: JSON.stringify({ target, status }),
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
  const flags = item.flags.map((f) => ` · ${FLAG_TEXT[f]}`).join('');
  const last = item.lastUpdate ? `\nLast update: ${escapeMrkdwn(cut(item.lastUpdate, 300))}` : '';
  return `${MARK[item.status]} *${escapeMrkdwn(item.ref)}* ${describeStatus(item.status)} — ${escapeMrkdwn(item.title)}\n${escapeMrkdwn(item.owners.join('; ') || 'no owner')} · due ${escapeMrkdwn(item.due)}${flags}${last}`;
}

function sections(text: string): SlackBlock[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > MAX_SECTION) {
    const at = rest.lastIndexOf('\n', MAX_SECTION);
    const split = at > MAX_SECTION / 2 ? at : MAX_SECTION;
    chunks.push(rest.slice(0, split));
    rest = rest.slice(split).replace(/^\n/, '');
  }
  chunks.push(rest);
  return chunks.map((chunk) => ({ type: 'section', text: { type: 'mrkdwn', text: chunk || ' ' } }));
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shortens text to a Slack limit. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
