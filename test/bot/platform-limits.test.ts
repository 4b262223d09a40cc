import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFeedbackModal } from '../../src/bot/slack/feedback-modal.ts';
import { buildHomeView } from '../../src/bot/slack/home-view.ts';
import { renderSlackMessages } from '../../src/bot/slack/render-messages.ts';
import { buildUpdateModal } from '../../src/bot/slack/views.ts';
import { renderTeamsReply } from '../../src/bot/teams/render-cards.ts';
import { toTagChoices } from '../../src/commands/feedback-tags.ts';
import { type ActionItem, type Block, createReply, type Reply } from '../../src/commands/reply.ts';
import { composeDigest } from '../../src/commands/scheduled/digest.ts';
import type { Actor } from '../../src/domain/person.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { PLANS_DIR } from '../support/import-fixtures.ts';
import { createLargePlan, OWNER_OF_40, OWNER_OF_200 } from '../support/large-plan.ts';
import { checkSlackMessage, checkSlackView } from '../support/slack-limits.ts';
import { checkActivityCards, measureTeamsBytes, TEAMS_LIMITS } from '../support/teams-limits.ts';

// Every payload the bot can produce for plans of up to 2,000 actions, with 4,000-character notes,
// checked against what Slack and Teams accept (their published limits; Microsoft's card library),
// and checked to be complete: every action of a reply appears in one of its messages.

const OWNER: Actor = { platform: 'slack', externalId: 'U0DIRECTOR', displayName: 'Dana Director' };
const FORTY: Actor = { platform: 'slack', externalId: 'U0FORTY', displayName: 'Frankie Forty' };

/** Refs of a reply's actions, as the renderers print them. */
function refsOf(reply: Reply): string[] {
  return reply.blocks.flatMap((b) =>
    b.type === 'actions' || b.type === 'update-prompt' ? b.items.map((i) => i.ref) : [],
  );
}

/** Renders for Slack and asserts every message is accepted and every action is in one of them. */
function checkSlack(reply: Reply) {
  const messages = renderSlackMessages(reply);
  for (const message of messages) expect(checkSlackMessage(message)).toBeNull();
  const text = JSON.stringify(messages);
  for (const ref of refsOf(reply)) expect(text).toContain(`*${ref}*`);
  return { parts: messages.length, kb: Math.max(...messages.map((m) => JSON.stringify(m).length)) / 1024 };
}

/** Renders for Teams and asserts every activity is under 100 KB, its cards clean, every action in one. */
function checkTeams(reply: Reply) {
  const activities = renderTeamsReply(reply);
  const sizes = activities.map((a) => measureTeamsBytes(JSON.stringify(a)));
  for (const size of sizes) expect(size).toBeLessThanOrEqual(TEAMS_LIMITS.activityBytes);
  for (const activity of activities) expect(checkActivityCards(activity as never)).toEqual([]);
  const text = JSON.stringify(activities);
  for (const ref of refsOf(reply)) expect(text).toContain(`**${ref}**`);
  return { parts: activities.length, kb: Math.max(...sizes) / 1024 };
}

function itemsOf(reply: Reply): ActionItem[] {
  return reply.blocks.flatMap((b) => (b.type === 'actions' ? b.items : []));
}

async function feedbackForm(
  h: Harness,
  selected: string[],
): Promise<Extract<Block, { type: 'feedback-form' }>> {
  const choices = toTagChoices(await h.store.feedback.listTagTargets());
  return { type: 'feedback-form', notice: 'Nothing about you is stored.', choices, selected };
}

describe('a 2,000-action plan with 4,000-character notes, on Slack and Teams', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('pglite', createLargePlan(2000, 4000));
    await h.holdRole(OWNER, OWNER_OF_200);
    await h.holdRole(FORTY, OWNER_OF_40);
  }, 120_000);
  afterAll(async () => {
    await h?.drop();
  });

  it('sends the weekly digest whole, in parts that each fit', async () => {
    const digest = await composeDigest(h.store, h.clock.now(), DEFAULT_SCHEDULE);
    expect(refsOf(digest)).toHaveLength(1600); // every action but the complete ones is overdue
    const slack = checkSlack(digest);
    const teams = checkTeams(digest);
    expect(slack.parts).toBeGreaterThan(1);
    expect(teams.parts).toBeGreaterThan(1);
    // "Still to update" and the other sections after the long list are not cut off.
    expect(JSON.stringify(renderSlackMessages(digest).at(-1))).toContain(
      `Part ${slack.parts} of ${slack.parts}`,
    );
  });

  it('lists all 2,000 actions, cutting each latest update in the list (show has it whole)', async () => {
    const list = await h.reply('list');
    expect(itemsOf(list)).toHaveLength(2000);
    checkSlack(list);
    checkTeams(list);
    const show = await h.reply('show BIG:1.1');
    checkSlack(show);
    checkTeams(show);
    expect(JSON.stringify(renderTeamsReply(show))).toContain(
      (itemsOf(list)[0]?.lastUpdate ?? '').slice(-200).replace(/"/g, '\\"'),
    );
  });

  it('prompts an owner of 40 and an owner of 200 with buttons for every action', async () => {
    for (const [actor, count] of [
      [FORTY, 40],
      [OWNER, 200],
    ] as const) {
      const items = itemsOf(await h.reply('mine', actor));
      expect(items).toHaveLength(count);
      const prompt = createReply(
        { type: 'heading', text: 'Time to update BIG' },
        { type: 'update-prompt', items },
      );
      checkSlack(prompt);
      checkTeams(prompt);
      const buttons = renderSlackMessages(prompt).flatMap((m) =>
        m.blocks.filter((b) => b.type === 'actions'),
      );
      expect(buttons).toHaveLength(count);
    }
  });

  it('opens the update form and its picker for an owner of 200 actions', async () => {
    const picker = await h.reply('update', OWNER);
    const form = picker.blocks.find((b) => b.type === 'update-form');
    if (form?.type !== 'update-form') throw new Error('no form');
    expect(form.choices).toHaveLength(200);
    expect(checkSlackView(buildUpdateModal(null, form.choices, {}))).toBeNull();
    const one = itemsOf(await h.reply('show BIG:2.4'))[0] ?? form.choices[0];
    if (!one) throw new Error('no item');
    expect(checkSlackView(buildUpdateModal(one, [], { responseUrl: 'https://x.example' }, 'RED'))).toBeNull();
    checkTeams(picker);
  });

  it('pages the Home tab through all 200 actions and says how many', async () => {
    const items = itemsOf(await h.reply('mine', OWNER));
    const seen = new Set<string>();
    for (let page = 0; page < 5; page++) {
      const view = buildHomeView('Your actions', 'You own 200 actions.', items, page);
      expect(checkSlackView(view)).toBeNull();
      const text = JSON.stringify(view);
      for (const item of items) if (text.includes(`"value":"BIG:${item.ref}"`)) seen.add(item.ref);
      expect(text).toContain('of 200 actions');
    }
    expect(seen.size).toBe(200);
  });

  it('offers every theme and action as feedback tags, searchable, within the limits', async () => {
    const form = await feedbackForm(h, ['BIG:2.4', 'theme BIG:3']);
    expect(form.choices).toHaveLength(2100);
    expect(checkSlackView(buildFeedbackModal(form))).toBeNull();
    const teams = checkTeams(createReply(form));
    expect(teams.parts).toBe(1);
    const card = JSON.stringify(renderTeamsReply(createReply(form)));
    // Too many actions to list in a card: themes are searchable and the rest can be typed.
    expect(card).toContain('"style":"filtered"');
    expect(card).toContain('BIG:2.4');
  });
});

describe.each([
  ['bristol-scwres-action-plan-2022-23.txt', 'BSCWRES'],
  ['norfolk-wres-action-plan-2022-23-autumn-update.txt', 'NWRES'],
  ['north-somerset-anti-racist-action-plan.txt', 'NSAR'],
])('the real plan %s, on Slack and Teams', (file, code) => {
  let h: Harness;
  beforeAll(async () => {
    const read = await readImportFile(path.join(PLANS_DIR, file), { code });
    if (!read.ok) throw new Error(read.errors.join('\n'));
    h = await createHarness('pglite', read.plan);
  }, 60_000);
  afterAll(async () => {
    await h?.drop();
  });

  it('renders the digest, the list and the feedback form within the limits', async () => {
    const digest = await composeDigest(h.store, h.clock.now(), DEFAULT_SCHEDULE);
    checkSlack(digest);
    checkTeams(digest);
    const list = await h.reply('list');
    checkSlack(list);
    checkTeams(list);
    const form = await feedbackForm(h, []);
    expect(checkSlackView(buildFeedbackModal(form))).toBeNull();
    checkTeams(createReply(form));
    // A plan this size lists every action in the card's searchable tags.
    const card = JSON.stringify(renderTeamsReply(createReply(form)));
    for (const choice of form.choices) expect(card).toContain(JSON.stringify(choice.value));
  });
});
