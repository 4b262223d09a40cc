import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/domain/report/render-html.ts';
import { loadCommitteeModel } from '../support/committee-model.ts';

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
