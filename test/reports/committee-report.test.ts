import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/commands/reply.ts';
import { parseCsv } from '../../src/import/csv.ts';
import { createCommitteeScenario } from '../support/committee-scenario.ts';
import type { Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

type FileBlock = Extract<Block, { type: 'file' }>;

describe.each(ENGINES)('committee reports on %s', (engine) => {
  let h: Harness;
  const file = async (text: string): Promise<FileBlock> => {
    const reply = await h.reply(text);
    const block = reply.blocks.find((b): b is FileBlock => b.type === 'file');
    if (!block) throw new Error(`no file in the reply to "${text}": ${JSON.stringify(reply.blocks)}`);
    return block;
  };

  beforeAll(async () => {
    h = await createCommitteeScenario(engine);
  }, 60_000);
  afterAll(() => h?.drop());

  it('shows direction of travel since the last committee: worsened, unchanged, improved, new', async () => {
    const md = await file('report ARAP since last committee md');
    expect(md.name).toBe('arap-report-2026-11-22-since-2026-09-15.md');
    expect(md.summary).toContain('since the committee on 15 September 2026');
    const lines = md.content.split('\n');
    const themeRows = lines.filter((l) => /^\| \d\.\d \|/.test(l) && /▲|▼|▶|★/.test(l));
    expect(themeRows.map((l) => l.split(' | ').slice(0, 1).concat(l.split(' | ').slice(4, 7)))).toEqual([
      ['| 1.1', 'Green', 'Red', '▼ Worsened'],
      ['| 1.2', 'Amber', 'Amber', '▶ Unchanged'],
      ['| 2.4', 'Amber', 'Green', '▲ Improved'],
      ['| 2.5', 'Complete', 'Complete', '▶ Unchanged'],
      ['| 2.6', 'Not in the plan', 'Complete', '★ New'],
    ]);
    // Every update in the period, not only the latest.
    expect(themeRows[0]).toContain(
      '5 Oct 2026 · Green → Red · admin: Blocked: no budget for the post. Help: the board to approve funding<br>12 Oct 2026 · Red · admin: Still waiting for the board: paper goes on 3 December',
    );
    expect(themeRows[1]).toContain('No update in the period.');
  });

  it('puts exceptions first: exactly the Red and Amber actions with their latest note, silence, overdue', async () => {
    const md = (await file('report ARAP since 15/09/2026 md')).content;
    const lines = md.split('\n');
    const exceptions = lines.indexOf('## Exceptions');
    expect(exceptions).toBeGreaterThan(0);
    expect(exceptions).toBeLessThan(lines.indexOf('## Summary'));
    const redAmber = lines.slice(exceptions, lines.indexOf('### No update since 15 September 2026 (1)'));
    expect(redAmber.filter((l) => /^\| \d/.test(l))).toEqual([
      '| 1.1 | Appoint a race equality champion | Chief Executive | Red | Still waiting for the board: paper goes on 3 December (12 Oct 2026) |',
      '| 1.2 | Publish progress twice a year | Chief Executive; Head of Communications | Amber | Drafting the first report (1 Aug 2026) |',
    ]);
    expect(lines).toContain(
      '- 1.2 Publish progress twice a year (Amber; Chief Executive; Head of Communications; due March 25)',
    );
    const overdue = lines.indexOf('### Overdue (1)');
    expect(lines[overdue + 2]).toMatch(/^- 1\.2 /);
    // Completed in the period, with the evidence note.
    expect(lines.slice(lines.indexOf('## Completed since 15 September 2026 (1)'))).toContain(
      '- **2.6 Publish panel audit** (completed 2 Nov 2026): Evidence: panel audit published on the intranet, 14 of 15 panels diverse',
    );
  });

  it('makes HTML with exceptions first, the roll-up per theme and a status-over-time chart', async () => {
    const html = (await file('report ARAP since last committee')).content;
    expect(html.indexOf('<h2>Exceptions</h2>')).toBeLessThan(html.indexOf('<h2>Summary</h2>'));
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="status-timeline"');
    expect(html).toMatch(/<title>Sept 2026: 1 Green<\/title>/);
    expect(html).toContain('<table class="rollup">');
    expect(html).toContain('<span class="dot dot-worsened">▼ Worsened</span>');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('adds then, direction and the period updates to CSV rows', async () => {
    const parsed = parseCsv((await file('report ARAP since last committee csv')).content);
    if (!parsed.ok) throw new Error(parsed.error);
    const [header, ...rows] = parsed.rows.map((r) => r.cells);
    expect(header?.slice(-3)).toEqual(['Status then', 'Direction', 'Updates in the period']);
    expect(rows.map((r) => [r[1], ...r.slice(-3, -1)])).toEqual([
      ['1.1', 'Green', 'Worsened'],
      ['1.2', 'Amber', 'Unchanged'],
      ['2.4', 'Amber', 'Improved'],
      ['2.5', 'Complete', 'Unchanged'],
      ['2.6', 'Not in the plan', 'New'],
    ]);
  });

  it("shows an action's status over time with history", async () => {
    const text = await h.run('history 1.1');
    expect(text).toContain('Not yet rated: 1 Jun 2026 to 10 Jul 2026');
    expect(text).toContain('Green: 10 Jul 2026 to 5 Oct 2026');
    expect(text).toContain('Red: since 5 Oct 2026');
    expect(text).toContain('Updates, newest first (3):');
  });

  it('refuses bad dates, unknown plans and a missing committee in one line, changing nothing', async () => {
    const before = await h.snapshot();
    const refusals: [string, string][] = [
      [
        'report ARAP since 31/02/2026',
        '"31/02/2026" is not a date: say since 15/09/2026 or since last committee.',
      ],
      ['report ARAP since', 'since takes a date, like since 15/09/2026, or since last committee.'],
      ['report ARAP since 01/01/2030', '1 January 2030 is after today: a report since a date looks back.'],
      [
        'report OTHER since last committee',
        'No committee is recorded for OTHER: record one with committee OTHER <date>, or say since <date>.',
      ],
      [
        'committee ARAP 32/01/2026',
        '"32/01/2026" is not a date: say it like 15/09/2026 or 15 September 2026.',
      ],
      ['committee NOPE 15/09/2026', 'No plan NOPE. Plans: ARAP, OTHER.'],
      ['history 7.7', ''],
    ];
    for (const [text, expected] of refusals) {
      const reply = await h.reply(text);
      const error = reply.blocks.find((b) => b.type === 'error');
      expect(error, text).toBeDefined();
      if (expected && error?.type === 'error') expect(error.text.split('\n')[0], text).toBe(expected);
    }
    expect(await h.run('committee ARAP 15 September 2026')).toContain('already recorded');
    expect(await h.snapshot()).toEqual(before);
  });
});
