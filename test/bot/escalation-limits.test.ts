import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSlackMessages } from '../../src/bot/slack/render-messages.ts';
import { renderTeamsReply } from '../../src/bot/teams/render-cards.ts';
import { composeEscalations } from '../../src/commands/scheduled/escalations.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createLargePlan } from '../support/large-plan.ts';
import { checkSlackMessage } from '../support/slack-limits.ts';
import { checkActivityCards, measureTeamsBytes, TEAMS_LIMITS } from '../support/teams-limits.ts';

// A sponsor of a 2,000-action plan where nobody updated: the escalation lists 1,600 actions and 51
// owner roles. Every part must be one Slack and Teams accept, and every action must be in one of them.

describe('an escalation of a 2,000-action plan on both platforms', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('pglite', createLargePlan(2000, 4000));
    await h.run('sponsor BIG new "Chief Officer"');
    await h.holdRole(
      { platform: 'slack', externalId: 'U0CHIEF', displayName: 'Charlie Chief' },
      'Chief Officer',
    );
  }, 600_000);
  afterAll(async () => {
    await h?.drop();
  });

  it('fits Slack and Teams in parts, every action and the nudge button in one of them', async () => {
    // Q1 2027 opened Friday 1 January; due by Friday 15th; escalated Tuesday 19th.
    const now = new Date('2027-01-19T09:00:00Z');
    const [delivery, ...others] = await composeEscalations(
      h.store,
      'BIG',
      { year: 2027, month: 1, day: 15 },
      now,
      DEFAULT_SCHEDULE,
      ['slack', 'teams'],
    );
    expect(others).toEqual([]);
    const reply = delivery?.message;
    if (!reply) throw new Error('no escalation');
    const refs = reply.blocks.flatMap((b) => (b.type === 'actions' ? b.items.map((i) => i.ref) : []));
    expect(refs).toHaveLength(1600); // every fourth action is complete
    const slack = renderSlackMessages(reply);
    for (const message of slack) expect(checkSlackMessage(message)).toBeNull();
    const slackText = JSON.stringify(slack);
    for (const ref of refs) expect(slackText).toContain(`*${ref}*`);
    expect(slackText).toContain('nudge BIG 15/01/2027');
    const teams = renderTeamsReply(reply);
    for (const activity of teams) {
      expect(measureTeamsBytes(JSON.stringify(activity))).toBeLessThanOrEqual(TEAMS_LIMITS.activityBytes);
      expect(checkActivityCards(activity as never)).toEqual([]);
    }
    const teamsText = JSON.stringify(teams);
    for (const ref of refs) expect(teamsText).toContain(`**${ref}**`);
    expect(teamsText).toContain('nudge BIG 15/01/2027');
  });
});
