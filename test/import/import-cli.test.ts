import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli-run.ts';
import { captureOutput, useImportCli } from '../support/import-cli.ts';
import { EXCEL_CSV, PLANS_DIR } from '../support/import-fixtures.ts';
import { ENGINES } from '../support/test-database.ts';

const NOW = new Date('2026-11-20T10:00:00Z');

describe.each(ENGINES)('npx actionbot import on %s', (engine) => {
  const bed = useImportCli(engine, 'actionbot-import-');
  const { run, counts } = bed;

  it.each([
    // Updates: Bristol's 42 less 1.1.3, 1.1.4, 1.2.1 (no Progress) and seven whose Progress is n/a.
    ['bristol-scwres-action-plan-2022-23.txt', 'BSCWRES', 4, 42, 32],
    ['norfolk-wres-action-plan-2022-23-autumn-update.txt', 'NWRES', 3, 20, 20],
    ['north-somerset-anti-racist-action-plan.txt', 'NSARAP', 13, 87, 0],
  ])(
    'imports %s with every action, then re-imports it changing nothing',
    async (file, code, themes, actions, updates) => {
      const first = await run('import', path.join(PLANS_DIR, file), '--plan', code);
      expect(first.code).toBe(0);
      expect(first.out).toBe(
        `Created plan ${code}: ${themes} themes, ${actions} actions added, 0 updated, ${updates} progress updates recorded.\n`,
      );
      expect(await bed.t.db.prisma.action.count({ where: { plan: { code } } })).toBe(actions);
      expect(await bed.t.db.prisma.theme.count({ where: { plan: { code } } })).toBe(themes);
      expect(
        await bed.t.db.prisma.progressUpdate.count({
          where: { action: { plan: { code } }, source: 'import' },
        }),
      ).toBe(updates);
      const before = await counts();
      const dry = await run('import', path.join(PLANS_DIR, file), '--plan', code, '--dry-run');
      expect(dry.out).toContain('(none: the plan already matches)');
      const again = await run('import', path.join(PLANS_DIR, file), '--plan', code);
      expect(again.out).toBe(
        `Updated plan ${code}: ${themes} themes, 0 actions added, ${actions} updated, 0 progress updates recorded.\n`,
      );
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    },
  );

  it('stores statuses and latest updates from the file as progress from the import', async () => {
    const a = await bed.t.store.actions.findAction('NWRES', '3.1');
    expect(a).toMatchObject({
      status: 'COMPLETE',
      owners: [],
      lastUpdate: { source: 'import', authorName: null },
    });
    expect(a?.lastUpdate?.note).toMatch(/^The Code of Conduct was renamed/);
    expect(await bed.t.store.actions.findAction('BSCWRES', '2.2.3')).toMatchObject({
      owners: ['Principal Social Workers', 'Reward and Analytics Manager'],
      due: { text: '', date: null },
    });
  });

  it('imports a spreadsheet; a newer round updates status and note, but a chat update keeps its status', async () => {
    const file = path.join(bed.dir, 'plan.csv');
    await fs.writeFile(file, EXCEL_CSV);
    expect((await run('import', file, '--plan', 'SHEET', '--title', 'Sheet plan')).code).toBe(0);
    expect(await bed.t.store.actions.findAction('SHEET', '1.1')).toMatchObject({
      status: 'GREEN',
      plan: { title: 'Sheet plan' },
    });
    const action = await bed.t.store.actions.findAction('SHEET', '1.2');
    const person = await bed.t.store.people.ensurePerson({ platform: 'console', externalId: 'jane' });
    await bed.t.store.actions.recordUpdate({
      actionId: action?.id ?? '',
      authorId: person.id,
      source: 'console',
      expectedStatus: 'AMBER',
      newStatus: 'RED',
      note: 'Blocked: no survey budget',
      at: new Date(NOW.getTime() - 86_400_000),
    });
    const next = EXCEL_CSV.replace(
      'Green,Champion named,"Champion appointed in May.',
      'Complete,Champion named,"Champion in post.',
    )
      .replace('Q2 2024,amber,,', 'Q2 2024,green,,Results published')
      .replace('Review job adverts', 'Review all job adverts');
    await fs.writeFile(file, next);
    const dry = await run('import', file, '--plan', 'SHEET', '--dry-run');
    const [changes, tree] = dry.out.split('\n\n');
    expect(changes?.split('\n').slice(1)).toEqual([
      '  update 1.1 [Green → Complete]: Champion in post. Deputy to follow.',
      '  update 1.2 [Red] (status kept: updated in chat since): Results published',
      '  ~ 2.1: title changed',
    ]);
    // Then the plan as read: themes, then each action with its owners and due value, one line each.
    expect(tree?.split('\n')[0]).toMatch(/^The plan as read \(\d+ themes, \d+ actions\):$/);
    expect(tree).toMatch(/\n {4}2\.1 {2}Review all job adverts.*\[.+ \| (due .+|no due date)\]\n/);
    expect((await run('import', file, '--plan', 'SHEET')).out).toContain('2 progress updates recorded');
    expect(await bed.t.store.actions.findAction('SHEET', '1.1')).toMatchObject({ status: 'COMPLETE' });
    expect(await bed.t.store.actions.findAction('SHEET', '1.2')).toMatchObject({
      status: 'RED',
      lastUpdate: { source: 'import', note: 'Results published' },
    });
  });

  it('refuses binary, zip, empty, header-less and 50 MB files with a clear message, changing nothing', async () => {
    const before = await counts();
    const files: [string, string | Buffer, RegExp][] = [
      ['binary.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x41]), /binary file, not text/],
      ['plan.xlsx', Buffer.from('PK\u0003\u0004rest-of-zip'), /not an Excel workbook that can be opened/],
      ['latin1.csv', Buffer.from([0x41, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x0a, 0xe9, 0x0a]), /not UTF-8/],
      ['empty.csv', '', /the file is empty/],
      ['blank.txt', '\n\n  \n', /the file is empty/],
      ['people.csv', 'name,age\nJane,40\n', /no recognisable header row/],
      ['notes.txt', 'Just some notes.\nNothing like a plan here.\n', /no actions found/],
    ];
    for (const [name, content, message] of files) {
      await fs.writeFile(path.join(bed.dir, name), content);
      const result = await run('import', path.join(bed.dir, name), '--plan', 'BAD');
      expect(result.code, name).toBe(65);
      expect(result.err, name).toMatch(message);
      expect(result.err, name).toContain('nothing was changed');
    }
    // Sparse: 50 MB on paper, refused by its size before a byte is read.
    const big = path.join(bed.dir, 'huge.csv');
    await fs.writeFile(big, '');
    await fs.truncate(big, 50 * 1024 * 1024);
    const huge = await run('import', big, '--plan', 'BAD');
    expect(huge).toMatchObject({
      code: 65,
      err: expect.stringContaining('is 50 MB; plans are read up to 5 MB'),
    });
    expect((await run('import', path.join(bed.dir, 'missing.csv'), '--plan', 'BAD')).err).toContain(
      'no such file',
    );
    expect(await counts()).toEqual(before);
  });

  it('shows progress as a counter on a terminal and as plain lines otherwise', async () => {
    const file = path.join(PLANS_DIR, 'north-somerset-anti-racist-action-plan.txt');
    const lines = await run('import', file, '--plan', 'NSARAP', '--dry-run');
    expect(lines.err.split('\n').filter((l) => l.startsWith('Processed'))).toEqual([
      'Processed 25/87 actions',
      'Processed 50/87 actions',
      'Processed 75/87 actions',
      'Processed 87/87 actions',
    ]);
    const tty = captureOutput(true);
    await runCli(['import', file, '--plan', 'NSARAP', '--dry-run'], captureOutput(), tty, {
      clock: { now: () => NOW },
      withStore: bed.deps.withStore,
    });
    expect(tty.text).toContain('\rProcessed 1/87 actions\rProcessed 2/87 actions');
    expect(tty.text).toContain('\rProcessed 87/87 actions\n');
  });
});
