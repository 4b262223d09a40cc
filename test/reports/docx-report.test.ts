import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/commands/reply.ts';
import { describeStatus } from '../../src/domain/status.ts';
import { createReportDocuments } from '../../src/reports/render-docx.ts';
import { loadCommitteeModel } from '../support/committee-model.ts';
import { createCommitteeScenario } from '../support/committee-scenario.ts';
import type { Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

type FileBlock = Extract<Block, { type: 'file' }>;

// LibreOffice is Debian's libreoffice-writer; .ci/run installs it, a developer machine may not have it.
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
const PDFTOPPM = fs.existsSync('/usr/bin/pdftoppm') ? '/usr/bin/pdftoppm' : undefined;
if ((!SOFFICE || !PDFTOPPM) && process.env.CI === 'true')
  throw new Error(
    'soffice or pdftoppm is missing: CI must install libreoffice-writer and poppler-utils (.ci/run does).',
  );
if (!SOFFICE) console.warn('Skipping the Word report conversion check: soffice is not installed.');

/** The document's text as mammoth reads it: every paragraph, table cells included, on its own line. */
async function readText(bytes: Buffer): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.split('\n').filter((l) => l.trim() !== '');
}

describe.each(ENGINES)('report ... docx on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createCommitteeScenario(engine);
  }, 60_000);
  afterAll(() => h?.drop());

  it('writes a Word document holding every action’s ref and status, exceptions first', async () => {
    const reply = await h.reply('report ARAP since last committee docx');
    const file = reply.blocks.find((b): b is FileBlock => b.type === 'file');
    expect(file).toMatchObject({
      name: 'arap-report-2026-11-22-since-2026-09-15.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      encoding: 'base64',
    });
    const bytes = Buffer.from(file?.content ?? '', 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip, as .docx files are
    const lines = await readText(bytes);
    expect(lines[0]).toBe('Anti-Racist Action Plan');
    expect(lines.indexOf('Exceptions')).toBeLessThan(lines.indexOf('Summary'));
    // Each action's row in its theme table: ref, title, owners, due, then, now, direction, updates.
    const actions = await h.store.actions.findActions({ planCodes: ['ARAP'] });
    expect(actions).toHaveLength(5);
    const themesStart = lines.indexOf('1. Leadership');
    for (const action of actions) {
      const at = lines.indexOf(action.ref, themesStart);
      expect(at, action.ref).toBeGreaterThan(themesStart);
      expect(lines[at + 1]).toBe(action.title);
      expect(lines.slice(at + 4, at + 6), action.ref).toContain(describeStatus(action.status));
    }
    expect(lines).toContain('▼ Worsened');
    expect(lines).toContain('★ New');
    expect(lines).toContain('Still waiting for the board: paper goes on 3 December (12 Oct 2026)');
    expect(lines).toContain('Evidence: panel audit published on the intranet, 14 of 15 panels diverse');
  });

  it('refuses docx without a Word writer in one line', async () => {
    const before = await h.snapshot();
    expect(await h.run('report ARAP since 31/09/2026 docx')).toContain('"31/09/2026" is not a date');
    expect(await h.snapshot()).toEqual(before);
  });
});

describe.skipIf(!SOFFICE)('the Word report in LibreOffice', () => {
  it('converts to PDF, and its first page renders as a picture', { timeout: 240_000 }, async () => {
    const bytes = await createReportDocuments().renderDocx(await loadCommitteeModel());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-docx-'));
    try {
      const docx = path.join(dir, 'committee.docx');
      fs.writeFileSync(docx, bytes);
      // Its own profile directory, so a LibreOffice already running elsewhere is never joined.
      execFileSync(
        SOFFICE as string,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          docx,
        ],
        { timeout: 180_000, stdio: 'pipe' },
      );
      const pdf = fs.readFileSync(path.join(dir, 'committee.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      if (PDFTOPPM) {
        execFileSync(PDFTOPPM, [
          '-png',
          '-f',
          '1',
          '-l',
          '1',
          '-r',
          '70',
          path.join(dir, 'committee.pdf'),
          path.join(dir, 'page'),
        ]);
        const page = fs.readdirSync(dir).find((f) => /^page-0*1\.png$/.test(f));
        expect(page).toBeDefined();
        const png = fs.readFileSync(path.join(dir, page as string));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        // The picture for the README: regenerate with UPDATE_SCREENSHOT=1.
        if (process.env.UPDATE_SCREENSHOT)
          fs.copyFileSync(
            path.join(dir, page as string),
            path.resolve(import.meta.dirname, '../../docs/committee-report-docx-page1.png'),
          );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docx stays out of the serving process until a Word report is asked for', () => {
  it('is imported at run time only by render-docx.ts, and only with a dynamic import', async () => {
    const src = path.join(import.meta.dirname, '../../src');
    const files = fs
      .readdirSync(src, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    const loaders: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      expect(text, f).not.toMatch(/^import (?!type )[^;]*from 'docx'/m);
      if (text.includes("import('docx')")) loaders.push(f);
    }
    expect(loaders).toEqual([path.join('reports', 'render-docx.ts')]);
  });
});
