import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportFormat, parseImportText } from '../../src/import/read-import-file.ts';
import { useImportCli } from '../support/import-cli.ts';
import { ENGINES } from '../support/test-database.ts';

// Issue 17: "NUL and bidi in an imported file → one line, nothing written, no stack in the logs".
// An imported file gets the command pipeline's hygiene: a control character refuses the file naming
// its line; bidi embeddings, overrides and isolates are removed.

const CSV = 'Ref,Action,Owner\n1.1,Appoint a champion,Chief Executive\n1.2,Publish progress,Director\n';
const TSV = CSV.replaceAll(',', '\t');
const DOCUMENT =
  'Our Plan 2025-27\nTheme 1: Leadership\nAction 1: Appoint a champion\nLead: Chief Executive\n';
const YAML = [
  'code: HYG',
  'title: Hygiene Plan',
  'themes:',
  '  - ref: "1"',
  '    title: Leadership',
  '    actions:',
  '      - ref: "1.1"',
  '        title: Appoint a champion',
  '        owners: [Chief Executive]',
  '',
].join('\n');
const JSON_PLAN = JSON.stringify({
  code: 'HYG',
  title: 'Hygiene Plan',
  themes: [{ ref: '1', title: 'Leadership', actions: [{ ref: '1.1', title: 'Appoint a champion' }] }],
});

const read = (text: string, format: ImportFormat) => parseImportText(text, format, { code: 'HYG' });
const titles = (text: string, format: ImportFormat) => {
  const result = read(text, format);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return [
    result.plan.title,
    ...result.plan.themes.flatMap((t) => [t.title, ...t.actions.map((a) => a.title)]),
  ];
};

describe('text hygiene in imported files', () => {
  it.each([
    ['csv', CSV.replace('champion', 'cham\u0000pion'), 2, 'U+0000'],
    ['tsv', TSV.replace('Director', 'Direc\u001Btor'), 3, 'U+001B'],
    ['document', DOCUMENT.replace('Leadership', 'Lead\u0007ership'), 2, 'U+0007'],
    ['yaml', YAML.replace('Leadership', 'Lead\u0000ership'), 5, 'U+0000'],
    ['json', JSON_PLAN.replace('Leadership', 'Lead\u007Fership'), 1, 'U+007F'],
  ] as const)(
    'refuses a %s file with a control character in one line naming its line',
    (format, text, line, code) => {
      expect(read(text, format)).toEqual({
        ok: false,
        errors: [`line ${line} has a control character (${code}): remove it and import the file again`],
      });
    },
  );

  it('refuses a control character or half a pair written as an escape, naming the field', () => {
    expect(read(JSON_PLAN.replace('Leadership', 'Lead\\u0000ership'), 'json')).toEqual({
      ok: false,
      errors: ['themes.0.title has a control character (U+0000): remove it and import the file again'],
    });
    expect(
      read(YAML.replace('title: Appoint a champion', 'title: "Appoint \\0 champion"'), 'yaml'),
    ).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^themes\.0\.actions\.0\.title has a control character \(U\+0000\)/)],
    });
    expect(read(JSON_PLAN.replace('champion', 'champion \\ud83d'), 'json')).toEqual({
      ok: false,
      errors: [
        'themes.0.actions.0.title has half a character (U+D83D, part of an emoji or symbol): remove it and import the file again',
      ],
    });
  });

  it.each([
    ['csv', CSV],
    ['tsv', TSV],
    ['document', DOCUMENT],
    ['yaml', YAML],
  ] as const)('reads a %s file with its bidi overrides and isolates removed', (format, text) => {
    const hostile = text
      .replace('Appoint', 'Ap\u202Epoint')
      .replace('Leadership', '\u2067Leader\u2069ship\u202A')
      .replace('champion', 'champion\u202C\u2066');
    expect(titles(hostile, format)).toEqual(titles(text, format));
    expect(titles(hostile, format)).toContain('Appoint a champion');
  });

  it('removes bidi controls written as JSON escapes too, and keeps emoji and right-to-left letters', () => {
    const escaped = JSON_PLAN.replace('Appoint', 'Ap\\u202Epoint \\u2067עברית\\u2069 😀');
    expect(titles(escaped, 'json')).toContain('Appoint עברית 😀 a champion');
  });

  it('holds --title and --period to the same rules as the file', () => {
    expect(parseImportText(CSV, 'csv', { code: 'HYG', title: 'Our \u0000plan' })).toEqual({
      ok: false,
      errors: ['--title has a control character (U+0000): remove it and import the file again'],
    });
    const read = parseImportText(CSV, 'csv', {
      code: 'HYG',
      title: 'Our \u202Eplan',
      period: '\u20662025\u2069',
    });
    expect(read).toMatchObject({ ok: true, plan: { title: 'Our plan', period: '2025' } });
  });

  it('reads a document converted from PDF: its form feeds are page breaks, not refused', () => {
    expect(titles(`\f${DOCUMENT.replace('Theme 1', '\fTheme 1')}`, 'document')).toEqual(
      titles(DOCUMENT, 'document'),
    );
    expect(read(CSV.replace('Director', 'Dir\fector'), 'csv')).toMatchObject({ ok: false });
  });
});

describe.each(ENGINES)('npx actionbot import of hostile files on %s', (engine) => {
  const bed = useImportCli(engine, 'actionbot-hygiene-');
  const { run, counts } = bed;

  it.each([
    ['plan.csv', `${CSV}1.3,Review data,Head of HR\u0000\n`, 4],
    ['plan.txt', DOCUMENT.replace('Lead:', 'Lead:\u0000'), 4],
    ['plan.json', JSON_PLAN.replace('Leadership', 'Lead\\u0000ership'), null],
  ])(
    'refuses %s with a NUL in one problem line, writing nothing and no stack',
    async (name, content, line) => {
      const before = await counts();
      await fs.writeFile(path.join(bed.dir, name), content);
      const result = await run('import', path.join(bed.dir, name), '--plan', 'HYG');
      expect(result.code).toBe(65);
      const [head, problem, ...more] = result.err.trimEnd().split('\n');
      expect(head).toBe(`${path.join(bed.dir, name)} could not be imported; nothing was changed:`);
      expect(problem).toMatch(
        line ? `  line ${line} has a control character (U+0000)` : /^ {2}themes\.0\.title has/,
      );
      expect(more).toEqual([]);
      expect(result.err).not.toMatch(/^\s+at /m);
      expect(await counts()).toEqual(before);
    },
  );

  it('still refuses a file full of NULs (UTF-16 text, a binary) as a whole, not by line', async () => {
    const file = path.join(bed.dir, 'utf16.csv');
    await fs.writeFile(file, Buffer.from(`\uFEFF${CSV}`, 'utf16le'));
    expect(await run('import', file, '--plan', 'HYG')).toMatchObject({
      code: 65,
      err: expect.stringContaining('utf16.csv: this is a binary file, not text'),
    });
  });

  it('imports a file with U+202E and isolates in its cells, storing the text without them', async () => {
    const file = path.join(bed.dir, 'bidi.csv');
    await fs.writeFile(
      file,
      CSV.replace('Appoint', 'Ap\u202Epoint').replace('Director', '\u2067Director\u2069'),
    );
    const result = await run('import', file, '--plan', 'BIDI', '--title', 'Bidi \u202Eplan');
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining('Created plan BIDI') });
    expect(await bed.t.store.actions.findAction('BIDI', '1.1')).toMatchObject({
      title: 'Appoint a champion',
    });
    expect(await bed.t.store.actions.findAction('BIDI', '1.2')).toMatchObject({ owners: ['Director'] });
    const plan = await bed.t.db.prisma.plan.findUnique({ where: { code: 'BIDI' } });
    expect(plan?.title).toBe('Bidi plan');
    const stored = JSON.stringify([
      await bed.t.db.prisma.action.findMany(),
      await bed.t.db.prisma.role.findMany(),
    ]);
    expect(stored).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
