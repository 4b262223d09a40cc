import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/commands/reply.ts';
import { parseCsv } from '../../src/import/csv.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createTestDatabase, ENGINES } from '../support/test-database.ts';

type FileBlock = Extract<Block, { type: 'file' }>;

describe.each(ENGINES)('report on %s', (engine) => {
  let h: Harness;
  const file = async (text: string): Promise<FileBlock> => {
    const reply = await h.reply(text);
    const block = reply.blocks.find((b): b is FileBlock => b.type === 'file');
    if (!block) throw new Error(`no file in the reply to "${text}": ${JSON.stringify(reply.blocks)}`);
    return block;
  };

  beforeAll(async () => {
    h = await createHarness(engine);
    // 1.1 turns red with a note; 1.2 (due March 25) is overdue on 22 November 2026; 2.5 is complete.
    expect(await h.run('update 1.1 red Blocked: <no> budget | "yet"\nwaiting for the board')).toContain(
      '1.1',
    );
  });
  afterAll(() => h.drop());

  it('makes an HTML report by default: summary, RAG words with colours, chart, period, escaped text', async () => {
    const html = await file('report');
    expect(html).toMatchObject({
      name: 'arap-report-2026-11-22.html',
      mediaType: 'text/html; charset=utf-8',
    });
    expect(html.summary).toBe(
      'Anti-Racist Action Plan (ARAP), 2026-11-22: 4 actions: 1 Red, 1 Amber, 1 Green, 1 Complete; 1 overdue; 2 with no update this quarter.',
    );
    const c = html.content;
    expect(c).toMatch(/^<!doctype html>/);
    expect(c).toContain('Period: <span class="period">2025–2027</span>');
    expect(c).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="status-chart"');
    expect(c).toMatch(/<span class="rag rag-red" style="background:#c62828;color:#ffffff">Red<\/span>/);
    expect(c).toContain('Blocked: &#60;no&#62; budget | &#34;yet&#34;\nwaiting for the board');
    expect(c).toContain('<td class="overdue">March 25 (overdue)</td>');
    expect(c).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/); // self-contained
  });

  it('makes Markdown with the summary and one table per theme', async () => {
    const md = await file('report ARAP md');
    expect(md).toMatchObject({
      name: 'arap-report-2026-11-22.md',
      mediaType: 'text/markdown; charset=utf-8',
    });
    const lines = md.content.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '# Anti-Racist Action Plan (ARAP): progress report',
      '',
      'Plan period: 2025–2027. Report date: 2026-11-22.',
    ]);
    expect(lines).toContain('| Red | 1 |');
    expect(lines).toContain('| Overdue | 1 |');
    expect(lines).toContain('## 2. Recruitment');
    expect(lines).toContain(
      '| 1.1 | Appoint a race equality champion | Chief Executive | March 27 | Red | Blocked: <no> budget \\| "yet"<br>waiting for the board | 2026-11-22 |',
    );
    expect(lines).toContain(
      '| 1.2 | Publish progress twice a year | Chief Executive; Head of Communications | March 25 (overdue) | Amber |   |   |',
    );
  });

  it('makes CSV that reads back as one row per action', async () => {
    const csv = await file('report plan arap csv');
    expect(csv.name).toBe('arap-report-2026-11-22.csv');
    const parsed = parseCsv(csv.content);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ['Theme', 'Ref', 'Action', 'Owners', 'Due', 'Overdue', 'RAG', 'Latest update', 'Update date'],
      [
        '1. Leadership',
        '1.1',
        'Appoint a race equality champion',
        'Chief Executive',
        'March 27',
        'no',
        'Red',
        'Blocked: <no> budget | "yet"\nwaiting for the board',
        '2026-11-22',
      ],
      [
        '1. Leadership',
        '1.2',
        'Publish progress twice a year',
        'Chief Executive; Head of Communications',
        'March 25',
        'yes',
        'Amber',
        '',
        '',
      ],
      [
        '2. Recruitment',
        '2.4',
        'Review recruitment data by ethnicity',
        'Head of People Services',
        'Ongoing',
        'no',
        'Green',
        '',
        '',
      ],
      [
        '2. Recruitment',
        '2.5',
        'Diverse interview panels',
        'Head of People Services',
        'n/a',
        'no',
        'Complete',
        '',
        '',
      ],
    ]);
    expect(csv.content.startsWith('\uFEFF')).toBe(true);
  });

  it('renders the file in the console as its summary', async () => {
    expect(await h.run('report md')).toContain('4 actions: 1 Red, 1 Amber, 1 Green, 1 Complete');
  });

  it('refuses unknown words and unknown plans, changing nothing', async () => {
    const before = await h.snapshot();
    expect(await h.run('report pdf!')).toContain('report doesn\'t know "pdf!"');
    expect(await h.run('report plan')).toContain('plan takes a plan code');
    expect(await h.run('report NOPE')).toContain('No plan NOPE. Plans: ARAP.');
    expect(await h.snapshot()).toEqual(before);
  });
});

describe.each(ENGINES)('report with no plans on %s', (engine) => {
  it('says to import one first', async () => {
    const t = await createTestDatabase(engine);
    try {
      const { dispatch } = await import('../../src/commands/dispatch.ts');
      const reply = await dispatch(
        { text: 'report', actor: { platform: 'console', externalId: 'admin' } },
        { store: t.store, clock: { now: () => new Date() }, admins: [] },
      );
      expect(reply.blocks).toEqual([{ type: 'error', text: 'No plans yet: import one first.' }]);
    } finally {
      await t.drop();
    }
  });
});
