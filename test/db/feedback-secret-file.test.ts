import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { getFeedbackSecretPath, resolveFeedbackSecret } from '../../src/db/feedback-secret-file.ts';
import { createLogger, type LogLevel } from '../../src/logger.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-secret-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A data directory of its own (its secret file lands beside it, inside `root`). */
function newDataDir(): string {
  const dir = path.join(root, `data-${++dirs}`);
  fs.mkdirSync(dir);
  return dir;
}

function deps(networks = 0) {
  const lines: { level: LogLevel; msg: string; file?: string }[] = [];
  const logger = createLogger('debug', (line) => lines.push(JSON.parse(line)));
  return { lines, countNetworks: async () => networks, logger };
}

const embedded = (dataDir: string) => ({ kind: 'embedded' as const, dataDir });
const postgres = { kind: 'postgres' as const, url: 'postgresql://postgres@127.0.0.1:5432/x' };

describe('the feedback secret', () => {
  it('is made on the embedded database’s first start beside its data directory, mode 0600, and reused', async () => {
    const dataDir = newDataDir();
    const first = deps();
    const secret = await resolveFeedbackSecret(embedded(dataDir), undefined, first);
    const file = getFeedbackSecretPath(dataDir);
    expect(path.dirname(file)).toBe(root); // outside the data directory: a copy of it does not carry the key
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${secret}\n`);
    expect(first.lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'feedback secret created', file }),
    ]);

    const second = deps();
    expect(await resolveFeedbackSecret(embedded(dataDir), undefined, second)).toBe(secret);
    expect(second.lines).toEqual([]);
    // Another database directory gets its own.
    expect(await resolveFeedbackSecret(embedded(newDataDir()), undefined, deps())).not.toBe(secret);
  });

  it('warns when it has to be made for a database that already has staff networks', async () => {
    const d = deps(2);
    await resolveFeedbackSecret(embedded(newDataDir()), undefined, d);
    expect(d.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'feedback secret created, but staff networks already exist',
      }),
    ]);
  });

  it.each([
    [0o644, 'mode 0644): run chmod 600'],
    [0o640, 'mode 0640): run chmod 600'],
    [0o602, 'mode 0602): run chmod 600'],
  ])('refuses a file others can read or write (mode %o)', async (mode, message) => {
    const dataDir = newDataDir();
    await resolveFeedbackSecret(embedded(dataDir), undefined, deps());
    fs.chmodSync(getFeedbackSecretPath(dataDir), mode);
    const start = resolveFeedbackSecret(embedded(dataDir), undefined, deps());
    await expect(start).rejects.toThrow(ConfigError);
    await expect(resolveFeedbackSecret(embedded(dataDir), undefined, deps())).rejects.toThrow(message);
  });

  it.each([
    ['', 'is empty (0 characters, at least 32 expected)'],
    ['\n', 'is empty (0 characters'],
    ['short-secret\n', 'is too short (12 characters'],
  ])('refuses an empty or short file (%j)', async (content, message) => {
    const dataDir = newDataDir();
    fs.writeFileSync(getFeedbackSecretPath(dataDir), content, { mode: 0o600 });
    await expect(resolveFeedbackSecret(embedded(dataDir), undefined, deps())).rejects.toThrow(message);
  });

  it('uses ACTIONBOT_FEEDBACK_SECRET when set, and then writes no file', async () => {
    const dataDir = newDataDir();
    expect(await resolveFeedbackSecret(embedded(dataDir), 'from-the-environment-1234', deps())).toBe(
      'from-the-environment-1234',
    );
    expect(fs.existsSync(getFeedbackSecretPath(dataDir))).toBe(false);
    expect(await resolveFeedbackSecret(postgres, 'from-the-environment-1234', deps(3))).toBe(
      'from-the-environment-1234',
    );
  });

  it('is random and kept in memory for a memory:// database', async () => {
    const a = await resolveFeedbackSecret(embedded('memory://'), undefined, deps());
    const b = await resolveFeedbackSecret(embedded('memory://'), undefined, deps());
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('on PostgreSQL without the variable: refused once staff networks exist, else unset with a warning', async () => {
    await expect(resolveFeedbackSecret(postgres, undefined, deps(1))).rejects.toThrow(
      'ACTIONBOT_FEEDBACK_SECRET is not set, but this database has 1 staff network: set it',
    );
    const d = deps(0);
    expect(await resolveFeedbackSecret(postgres, undefined, d)).toBeUndefined();
    expect(d.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'ACTIONBOT_FEEDBACK_SECRET is not set: staff networks cannot be created until it is',
      }),
    ]);
  });
});
