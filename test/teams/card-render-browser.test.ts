/// <reference lib="dom" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTeamsReply } from '../../src/bot/teams/render-cards.ts';
import { toTagChoices } from '../../src/commands/feedback-tags.ts';
import { type ActionItem, createReply, type Reply } from '../../src/commands/reply.ts';
import { composeDigest } from '../../src/commands/scheduled/digest.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { PLANS_DIR } from '../support/import-fixtures.ts';
import { longNote } from '../support/large-plan.ts';

// Cards as people see them: rendered by Microsoft's adaptivecards library (the renderer the Agents
// Playground and Teams' web client build on) in Debian's headless Chromium. Screenshots are written to
// ACTIONBOT_CARD_SHOTS (default: a temporary folder) for a person to look at.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium; .ci/run does).`);
const SHOTS = process.env.ACTIONBOT_CARD_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-cards-'));

const require = createRequire(import.meta.url);
const LIBRARY = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');

/** What the page found after rendering a reply's cards. */
type Rendered = { cards: number; checkboxes: number; buttons: string[]; filtered: number; text: string };

const PAGE = `<!doctype html><meta charset="utf-8"><style>
  body { font-family: 'Segoe UI', sans-serif; background: #f5f5f5; margin: 0; padding: 16px; width: 560px; }
  .card { background: white; border-radius: 6px; margin-bottom: 16px; box-shadow: 0 1px 3px #0003; }
</style><body></body>`;

function itemsFor(count: number): ActionItem[] {
  return Array.from({ length: count }, (_, i) => ({
    planCode: 'ARAP',
    ref: `2.${i + 1}`,
    title: `Review recruitment data by ethnicity at every stage, part ${i + 1}`,
    status: (['RED', 'AMBER', 'GREEN', 'NOT_RATED'] as const)[i % 4] ?? 'RED',
    owners: ['Head of People Services'],
    due: 'March 2027',
    flags: i % 3 === 0 ? ['needs-update'] : [],
    lastUpdate: `22 Nov 2026, 18:40 · Amber → Red · Jane Doe (teams): ${longNote(400, i)}`,
  }));
}

describe.skipIf(!hasChromium)('Teams cards rendered by adaptivecards in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  let h: Harness;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    h = await createHarness('pglite');
  });
  afterAll(async () => {
    await browser?.close();
    await h?.drop();
  });

  /** Renders every card of a reply on one page, screenshots it, and reports what is on it. */
  async function render(reply: Reply, name: string): Promise<Rendered> {
    const cards = renderTeamsReply(reply).flatMap((a) => (a.attachments ?? []).map((x) => x.content));
    const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
    try {
      await page.setContent(PAGE);
      await page.addScriptTag({ content: LIBRARY });
      const found = await page.evaluate((json) => {
        const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
        // Teams renders card markdown itself; the library leaves it to the host: bold is what we use.
        AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
          const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
          result.outputHtml = escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
          result.didProcess = true;
        };
        for (const content of json) {
          const card = new AC.AdaptiveCard();
          card.parse(content);
          const element = card.render();
          if (!element) throw new Error('a card did not render');
          element.classList.add('card');
          document.body.appendChild(element);
        }
        return {
          cards: json.length,
          checkboxes: document.querySelectorAll('input[type=checkbox]').length,
          buttons: Array.from(document.querySelectorAll('button')).map((b) => b.textContent ?? ''),
          filtered: document.querySelectorAll('.ac-choiceSetInput-filtered').length,
          text: document.body.innerText,
        };
      }, cards);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
      return found;
    } finally {
      await page.close();
    }
  }

  it('shows a prompt with 8 actions: every action with its status words and its four buttons and Add note', async () => {
    const prompt = createReply(
      { type: 'heading', text: 'Time to update ARAP: Anti-Racist Action Plan' },
      {
        type: 'paragraph',
        text: 'The quarterly update cycle is open. These 8 actions need an update by 18 January.',
      },
      { type: 'update-prompt', items: itemsFor(8) },
    );
    const shown = await render(prompt, 'prompt-8-actions');
    expect(shown.cards).toBe(1);
    for (const word of ['Green', 'Amber', 'Red', 'Complete'])
      expect(shown.buttons.filter((b) => b === word)).toHaveLength(8);
    expect(shown.buttons.filter((b) => b === 'Add note')).toHaveLength(8);
    for (let i = 1; i <= 8; i++) expect(shown.text).toContain(`2.${i} `);
    expect(shown.text).toMatch(/Red — Review recruitment/);
  });

  it('shows the feedback form of a real plan as a search box, not a wall of checkboxes', async () => {
    const read = await readImportFile(path.join(PLANS_DIR, 'north-somerset-anti-racist-action-plan.txt'), {
      code: 'NSAR',
    });
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const themes = read.plan.themes.map((t) => ({ id: t.ref, planCode: 'NSAR', ref: t.ref, title: t.title }));
    const actions = read.plan.themes.flatMap((t) =>
      t.actions.map((a) => ({ id: a.ref, planCode: 'NSAR', ref: a.ref, title: a.title, themeId: t.ref })),
    );
    const form = createReply({
      type: 'feedback-form',
      notice: 'Stored: your text, the tags you choose and the day. Not stored: who you are.',
      choices: toTagChoices({ themes, actions }),
      selected: [],
    });
    const shown = await render(form, 'feedback-form');
    expect(shown.filtered).toBe(1);
    expect(shown.checkboxes).toBe(1); // "send it as I wrote it"
    expect(shown.buttons).toContain('Send anonymously');
  });

  it('shows the weekly digest with its counts, changes and overdue actions', async () => {
    await h.reply('update 2.4 red Panel members not found -- we need help from HR');
    const digest = await composeDigest(h.store, h.clock.now(), DEFAULT_SCHEDULE);
    const shown = await render(digest, 'weekly-digest');
    expect(shown.text).toContain('Weekly digest: ARAP');
    expect(shown.text).toMatch(/Red\s+1/);
    expect(shown.text).toContain('Status changes this week');
  });
});
