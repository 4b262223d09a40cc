import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type CliOutput, runCli } from '../../src/cli-run.ts';
import { createTestDatabase, type Engine, type TestDatabase } from './test-database.ts';

/** The time every CLI test imports at. */
export const CLI_NOW = new Date('2026-11-20T10:00:00Z');

/** Output the CLI writes to, kept as text; `isTTY` asks for the one-line progress counter. */
export function captureOutput(isTTY = false): CliOutput & { text: string } {
  const out = { text: '', isTTY, write: (t: string) => (out.text += t) };
  return out;
}

/**
 * For one describe block: a fresh database of `engine` and a scratch folder (opened before its tests,
 * removed after), `run` to call `npx actionbot ...` in-process against them, and `counts` of what an
 * import writes, to show that a refused file changed nothing.
 */
export function useImportCli(engine: Engine, folderPrefix: string) {
  let opened: TestDatabase | undefined;
  let folder = '';
  beforeAll(async () => {
    opened = await createTestDatabase(engine);
    folder = await fs.mkdtemp(path.join(os.tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    await opened?.drop();
    if (folder) await fs.rm(folder, { recursive: true, force: true });
  });
  const database = (): TestDatabase => {
    if (!opened) throw new Error('the test database opens in beforeAll');
    return opened;
  };
  const deps = {
    clock: { now: () => CLI_NOW },
    withStore: <T>(use: (s: TestDatabase['store']) => Promise<T>) => use(database().store),
  };
  return {
    get t() {
      return database();
    },
    get dir() {
      return folder;
    },
    deps,
    run: async (...argv: string[]) => {
      const out = captureOutput();
      const err = captureOutput();
      const code = await runCli(argv, out, err, deps);
      return { code, out: out.text, err: err.text };
    },
    counts: async () => {
      const { prisma } = database().db;
      return {
        plans: await prisma.plan.count(),
        actions: await prisma.action.count(),
        updates: await prisma.progressUpdate.count(),
        audit: await prisma.auditEvent.count(),
      };
    },
  };
}
