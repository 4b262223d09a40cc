import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/domain/action.ts';
import { parseDue } from '../../src/domain/due-date.ts';
import type { PlanFile } from '../../src/domain/plan-file.ts';
import { renderReportHtml } from '../../src/domain/report/render-html.ts';
import { buildReport } from '../../src/domain/report/report-model.ts';
import type { Status } from '../../src/domain/status.ts';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { PLANS_DIR } from '../support/import-fixtures.ts';

// Headless Chromium as PLATFORM-NOTES says: Debian's package, never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === 'true')
  throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium; .ci/run does).`);
if (!hasChromium) console.warn(`Skipping the HTML report browser check: ${CHROMIUM} is not installed.`);

const NOW = new Date('2022-11-30T12:00:00Z');

/** The Norfolk autumn update as the bot would hold it after import, with 8.1 since turned red in chat. */
async function loadNorfolkActions(): Promise<{ plan: PlanFile; actions: Action[] }> {
  const file = path.join(PLANS_DIR, 'norfolk-wres-action-plan-2022-23-autumn-update.txt');
  const read = await readImportFile(file, { code: 'NWRES' });
  if (!read.ok) throw new Error(read.errors.join('\n'));
  const { plan } = read;
  const context = {
    code: plan.code,
    title: plan.title,
    timezone: plan.timezone,
    updateCycle: plan.updateCycle,
  };
  const actions = plan.themes.flatMap((theme) =>
    theme.actions.map((a): Action => {
      const status = (a.status ? a.status.toUpperCase().replace(' ', '_') : 'NOT_RATED') as Status;
      const red = a.ref === '8.1';
      const note = red
        ? 'Exit interview data not available from myOracle; needs HR analytics support.'
        : a.latestUpdate;
      return {
        id: a.ref,
        plan: context,
        ref: a.ref,
        title: a.title,
        description: a.description ?? null,
        updateCycle: null,
        theme: { ref: theme.ref, title: theme.title },
        owners: a.owners,
        due: parseDue(red ? 'October 22' : a.due),
        successMeasure: a.successMeasure ?? null,
        metrics: a.metrics,
        status: red ? 'RED' : status,
        createdAt: new Date('2022-05-01T09:00:00Z'),
        lastUpdate: note
          ? {
              at: new Date('2022-11-01T09:00:00Z'),
              authorName: null,
              source: 'import',
              oldStatus: 'NOT_RATED',
              newStatus: status,
              note,
            }
          : null,
      };
    }),
  );
  return { plan, actions };
}

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  it('renders with the chart, RAG labels and period, prints, and makes a screenshot', {
    timeout: 60_000,
  }, async () => {
    const { plan, actions } = await loadNorfolkActions();
    const model = buildReport({ ...plan, period: plan.period ?? null }, actions, NOW);
    const html = renderReportHtml(model);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
      });
      await page.setContent(html, { waitUntil: 'load' });
      expect(requests).toEqual([]); // self-contained: nothing fetched
      expect(await page.title()).toBe(`${plan.title} – progress report`);
      expect(await page.locator('.period').textContent()).toBe('2022-23');
      const chart = page.locator('svg.status-chart');
      await expect.poll(() => chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(await chart.locator('g.theme-bar').count()).toBe(3);
      // Objective 1: 6 amber, 1 green, 1 complete; the segments carry their counts as text.
      expect(await chart.locator('g.theme-bar').first().locator('text').allTextContents()).toEqual([
        expect.stringMatching(/^1\. To enable colleagues/),
        '6',
        '1',
        '1',
      ]);
      expect(await chart.locator('g.legend text').allTextContents()).toEqual([
        'Red',
        'Amber',
        'Green',
        'Complete',
        'Not yet rated',
      ]);
      // Every RAG badge says its status in words, not only in colour.
      const badges = await page.locator('table:not(.summary) tbody .rag').allTextContents();
      expect(badges).toHaveLength(20);
      expect(new Set(badges)).toEqual(new Set(['Red', 'Amber', 'Green', 'Complete']));
      const red = page.locator('tbody .rag-red').first();
      expect(
        await red.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor),
      ).toBe('rgb(198, 40, 40)');
      expect(await page.locator('td.overdue').allTextContents()).toEqual(['October 22 (overdue)']);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });
      // The README's screenshot: regenerate with UPDATE_SCREENSHOT=1 (kept out of normal runs so the tree stays clean).
      const target = process.env.UPDATE_SCREENSHOT
        ? path.resolve(import.meta.dirname, '../../docs/report-screenshot.png')
        : path.join(os.tmpdir(), `actionbot-report-${process.pid}.png`);
      const png = await page.screenshot({ path: target, clip: { x: 0, y: 0, width: 1100, height: 900 } });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(fs.statSync(target).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});
