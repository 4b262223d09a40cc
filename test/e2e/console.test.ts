import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBot } from '../support/run-bot.ts';
import { createServerDatabase, dropServerDatabase } from '../support/test-database.ts';

// The data directory inside a directory of its own: the feedback secret file is made beside it.
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-e2e-'));
const dataDir = path.join(tempDir, 'data');
const serverDatabases: string[] = [];
afterAll(async () => {
  fs.rmSync(tempDir, { recursive: true, force: true });
  await Promise.all(serverDatabases.map(dropServerDatabase));
});

async function newServerDatabase(): Promise<string> {
  const { url } = await createServerDatabase();
  serverDatabases.push(url);
  return url;
}

describe.each([
  ['embedded', async () => ({ ACTIONBOT_DATA_DIR: dataDir })],
  // A server database takes its feedback secret from the environment, as in production.
  [
    'postgres',
    async () => ({
      DATABASE_URL: await newServerDatabase(),
      ACTIONBOT_FEEDBACK_SECRET: 'console-e2e-feedback-secret-42',
    }),
  ],
])('the console on the %s database', (_name, makeEnv) => {
  it('loads the demo plan, records an update, and still shows it after a restart', async () => {
    const env = await makeEnv();
    const first = await runBot('list\nupdate 1.1 green Started the review\nshow 1.1\n', env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('16 actions');
    expect(first.stdout).toContain('✓ Updated ARAP:1.1 (Not yet rated → Green).');
    expect(first.stdout).toMatch(
      /Status: Green[\s\S]*Not yet rated → Green · admin \(console\): Started the review/,
    );

    const second = await runBot('show 1.1\nplans\n', env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Status: Green');
    expect(second.stdout).toContain('admin (console): Started the review');
    expect(second.stdout).toContain(
      'ARAP: Riverside Borough Council Anti-Racist Action Plan (2025–2027) · 4 themes, 16 actions',
    );
  });
});

describe('start-up configuration errors', () => {
  it('stops with exit code 78 and says what to fix', async () => {
    const result = await runBot('', { DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL: must be a postgresql://');
  });
});
