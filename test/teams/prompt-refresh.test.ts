import { describe, expect, it } from 'vitest';
import { renderSlackMessages } from '../../src/bot/slack/render-messages.ts';
import { withPromptRefresh } from '../../src/bot/teams/prompt-refresh.ts';
import { renderTeamsReply } from '../../src/bot/teams/render-cards.ts';
import { type ActionItem, createReply } from '../../src/commands/reply.ts';
import { longNote } from '../support/large-plan.ts';
import { checkSlackMessage } from '../support/slack-limits.ts';
import { checkActivityCards, measureTeamsBytes, TEAMS_LIMITS } from '../support/teams-limits.ts';

describe('a living prompt of 2,000 actions with 4,000-character notes', () => {
  // Every other action already recorded: both ways an action is shown, at size.
  const items: ActionItem[] = Array.from({ length: 2000 }, (_, i) => ({
    planCode: 'BIG',
    ref: `${Math.floor(i / 20) + 1}.${(i % 20) + 1}`,
    title: longNote(400, i),
    status: 'AMBER',
    owners: ['Director of Everything'],
    due: '31/03/2025',
    flags: ['overdue'],
    lastUpdate: longNote(4000, i),
    ...(i % 2 ? { recorded: { status: 'GREEN' as const, by: 'Jane Doe', at: '4 Jan 2027, 10:30' } } : {}),
  }));
  const reply = createReply(
    { type: 'heading', text: 'Time to update BIG' },
    { type: 'update-prompt', items, asOf: '2027-01-04T09:00:00.000Z' },
  );

  it('fits Slack in every part', () => {
    for (const message of renderSlackMessages(reply)) expect(checkSlackMessage(message)).toBeNull();
  });

  it('fits Teams in every card, with its refresh for 60 owners and every button tagged', () => {
    const userIds = Array.from({ length: 60 }, (_, i) => `29:owner-${i}`);
    const cards = withPromptRefresh(renderTeamsReply(reply), '0f8fad5b-d9cb-469f-a165-70867728950e', userIds);
    expect(cards.length).toBeGreaterThan(10);
    for (const [part, card] of cards.entries()) {
      expect(checkActivityCards(card as never)).toEqual([]);
      expect(measureTeamsBytes(JSON.stringify(card))).toBeLessThan(TEAMS_LIMITS.activityBytes);
      const content = card.attachments?.[0]?.content as {
        refresh: { action: { data: unknown }; userIds: string[] };
      };
      expect(content.refresh.userIds).toEqual(userIds);
      expect(content.refresh.action.data).toEqual({
        actionbot: 'refresh',
        prompt: { delivery: expect.any(String), part },
      });
    }
  });
});
