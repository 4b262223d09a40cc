import type { ActionItem } from '../../commands/reply.ts';
import { truncate } from '../../domain/format.ts';
import { ACTION_IDS, plain, type SlackBlock } from './block-kit.ts';
import { describeItem } from './render-blocks.ts';

/** action_id of the Home tab's paging buttons; the value is the page to show. */
export const HOME_PAGE_ACTION = 'home_page';
// Slack allows 100 blocks in a Home tab: 40 actions a page leaves room for the rest.
const HOME_PAGE_SIZE = 40;

/**
 * The App Home tab: the user's actions (those needing an update first) with an Update button each,
 * 40 to a page with Previous / Next buttons, and how many there are in all.
 */
export function buildHomeView(heading: string, summary: string, items: ActionItem[], page = 0) {
  const needing = items.filter((i) => i.flags.includes('needs-update') || i.flags.includes('stale'));
  const ordered = [...needing, ...items.filter((i) => !needing.includes(i))];
  const pages = Math.max(1, Math.ceil(ordered.length / HOME_PAGE_SIZE));
  const shown = Math.min(Math.max(0, page), pages - 1);
  const listed = ordered.slice(shown * HOME_PAGE_SIZE, (shown + 1) * HOME_PAGE_SIZE);
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(truncate(heading, 150)) },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(summary || ' ', 3000) } },
  ];
  if (pages > 1)
    blocks.push(
      contextLine(
        `Showing ${shown * HOME_PAGE_SIZE + 1}–${shown * HOME_PAGE_SIZE + listed.length} of ${ordered.length} actions.`,
      ),
    );
  for (const item of listed) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(describeItem(item), 3000) },
      accessory: {
        type: 'button',
        action_id: ACTION_IDS.openUpdate,
        text: plain('Update'),
        value: `${item.planCode}:${item.ref}`,
      },
    });
  }
  if (pages > 1)
    blocks.push({
      type: 'actions',
      block_id: 'home_pages',
      elements: [
        ...(shown > 0 ? [pageButton('← Previous', shown - 1)] : []),
        ...(shown < pages - 1 ? [pageButton(`Next ${HOME_PAGE_SIZE} →`, shown + 1)] : []),
      ],
    });
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
    contextLine('Type `/action help` anywhere for every command.'),
  );
  return { type: 'home' as const, blocks };
}

function pageButton(text: string, page: number) {
  return {
    type: 'button' as const,
    action_id: `${HOME_PAGE_ACTION}:${page}`,
    text: plain(text),
    value: String(page),
  };
}

function contextLine(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
