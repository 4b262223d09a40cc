import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/domain/action.ts';
import { parseDue } from '../../src/domain/due-date.ts';
import { renderReportHtml } from '../../src/domain/report/render-html.ts';
import { buildReport } from '../../src/domain/report/report-model.ts';
import type { PlanUpdate } from '../../src/domain/report/since-model.ts';
import type { Status } from '../../src/domain/status.ts';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { PLANS_DIR } from '../support/import-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium; .ci/run does).`);

const NOW = new Date('2022-11-30T12:00:00Z');
const SINCE = {
  day: '2022-09-15',
  start: new Date('2022-09-14T23:00:00Z'),
  label: 'the committee on 15 September 2022',
};

/** Each action's path over the year: month (2022), status, note. Cycled over Norfolk's 20 actions. */
const PATHS: [number, Status, string][][] = [
  [
    [6, 'AMBER', 'Scoping with HR'],
    [10, 'GREEN', 'Data now monthly'],
  ],
  [
    [6, 'GREEN', 'On track'],
    [10, 'RED', 'Blocked: no analyst. Help: HR analytics to lend one day a week'],
  ],
  [[7, 'AMBER', 'Draft policy out for consultation']],
  [
    [6, 'AMBER', 'Pilot running'],
    [9, 'GREEN', 'Pilot extended'],
    [11, 'COMPLETE', 'Evidence: 42 managers trained, evaluation on the intranet'],
  ],
  [],
];

async function loadCommitteeModel() {
  const read = await readImportFile(
    path.join(PLANS_DIR, 'norfolk-wres-action-plan-2022-23-autumn-update.txt'),
    {
      code: 'NWRES',
    },
  );
  if (!read.ok) throw new Error(read.errors.join('\n'));
  const { plan } = read;
  const context = {
    code: plan.code,
    title: plan.title,
    timezone: plan.timezone,
    updateCycle: plan.updateCycle,
  };
  const updates: PlanUpdate[] = [];
  const actions = plan.themes.flatMap((theme) =>
    theme.actions.map((a, i): Action => {
      const id = `${theme.ref}/${a.ref}`;
      let status: Status = 'NOT_RATED';
      const added = a.ref === '11.1'; // added to the plan after the committee
      const path: [number, Status, string][] = added
        ? [[11, 'GREEN', 'Monitoring agreed with L&D']]
        : (PATHS[(i + Number(theme.ref)) % PATHS.length] ?? []);
      for (const [month, next, note] of path) {
        const at = new Date(Date.UTC(2022, month - 1, 12, 10));
        updates.push({
          actionId: id,
          at,
          authorName: 'Jo Bloggs',
          source: 'teams',
          oldStatus: status,
          newStatus: next,
          note,
        });
        status = next;
      }
      const mine = updates.filter((u) => u.actionId === id);
      return {
        id,
        plan: context,
        ref: a.ref,
        title: a.title,
        description: null,
        updateCycle: null,
        theme: { ref: theme.ref, title: theme.title },
        owners: a.owners,
        due: parseDue(a.due),
        successMeasure: null,
        metrics: [],
        status,
        createdAt: new Date(added ? '2022-10-01T09:00:00Z' : '2022-05-01T09:00:00Z'),
        lastUpdate: mine[mine.length - 1] ?? null,
      };
    }),
  );
  return buildReport({ ...plan, period: plan.period ?? null }, actions, NOW, { updates, since: SINCE });
}

describe.skipIf(!hasChromium)('the committee report in headless Chromium', () => {
  it('shows exceptions first, direction words, the roll-up and the status-over-time chart', {
    timeout: 60_000,
  }, async () => {
    const model = await loadCommitteeModel();
    const html = renderReportHtml(model);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
      });
      await page.setContent(html, { waitUntil: 'load' });
      expect(requests).toEqual([]);
      const headings = await page.locator('h2').allTextContents();
      expect(headings[0]).toBe('Exceptions');
      expect(headings[1]).toBe('Summary');
      expect(headings.at(-1)).toMatch(/^Completed since the committee on 15 September 2022/);
      const timeline = page.locator('svg.status-timeline');
      await expect.poll(() => timeline.isVisible()).toBe(true);
      expect(await timeline.locator('g.month').count()).toBe(3); // September, October, today
      const months = await timeline.locator('g.month > text:last-child').allTextContents();
      expect(months).toEqual(['Sept 2022', 'Oct 2022', '30 Nov 2022']);
      // Direction marks always carry their word.
      const dots = new Set(await page.locator('tbody .dot').allTextContents());
      expect([...dots].every((t) => /^(▲ Improved|▼ Worsened|▶ Unchanged|★ New)$/.test(t))).toBe(true);
      expect([...dots].sort()).toEqual(['▲ Improved', '▶ Unchanged', '▼ Worsened', '★ New']);
      const rollup = page.locator('table.rollup tbody tr');
      expect(await rollup.count()).toBe(model.themes.length);
      const target = process.env.UPDATE_SCREENSHOT
        ? path.resolve(import.meta.dirname, '../../docs/committee-report-screenshot.png')
        : path.join(os.tmpdir(), `actionbot-committee-${process.pid}.png`);
      await page.screenshot({
        path: target,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1200, height: 2600 },
      });
      expect(fs.statSync(target).size).toBeGreaterThan(20_000);
    } finally {
      await browser.close();
    }
  });
});
