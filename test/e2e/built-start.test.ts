import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { freePort } from '../support/run-bot.ts';
import { createServerDatabase, dropServerDatabase } from '../support/test-database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const TOKEN = 'xoxb-built-start-token';
const SECRET = 'built-start-signing-secret';

// The production start: `npm run build`, then `node dist/main.js` with no tsx, npm or shell around it.
describe('the compiled build (npm run build, node dist/main.js)', () => {
  // Inside a directory of its own: the feedback secret file is made beside the data directory.
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-dist-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ACTIONBOT_DATA_DIR: path.join(tempDir, 'data'),
  };
  let fake: FakeSlack;

  beforeAll(async () => {
    // The same script as `npm run build`; --noCheck because `npm test` type-checks before vitest runs.
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--noCheck'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.stderr + build.stdout).toBe('');
    expect(build.status).toBe(0);
    fake = await startFakeSlack();
  }, 120_000);
  afterAll(async () => {
    await fake.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('imports only JavaScript: no .ts module and no tsx', () => {
    const files = fs
      .readdirSync(DIST, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js'));
    expect(files).toContain('main.js');
    expect(files).toContain('cli.js');
    const specifier = /(?:from\s*|import\()\s*['"]([^'"]+)['"]/g;
    const imported = files.flatMap((f) =>
      [...fs.readFileSync(path.join(DIST, f), 'utf8').matchAll(specifier)].map((m) => `${f}: ${m[1]}`),
    );
    expect(imported.length).toBeGreaterThan(files.length);
    expect(imported.filter((i) => /: (tsx(\/|$)|\..*\.ts$)/.test(i))).toEqual([]);
  });

  it('migrates a new database, loads the demo plan and answers console commands', async () => {
    const first = await runNode(['dist/main.js'], 'list\nupdate 1.1 green Built and started\n', env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('16 actions');
    expect(first.stdout).toContain('✓ Updated ARAP:1.1 (Not yet rated → Green).');
    // The CLI from the build reads the same database.
    const report = await runNode(['dist/cli.js', 'report', '--plan', 'ARAP', '--format', 'csv'], '', env);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/1\.1,.*Green/);
  }, 120_000);

  it('migrates a PostgreSQL database from the build too', async () => {
    const { url } = await createServerDatabase();
    try {
      const run = await runNode(['dist/main.js'], 'show 1.1\n', {
        ...env,
        DATABASE_URL: url,
        ACTIONBOT_FEEDBACK_SECRET: 'built-start-feedback-secret-42',
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Status: Not yet rated');
    } finally {
      await dropServerDatabase(url);
    }
  }, 120_000);

  it('serves Slack and answers /readyz, then stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: {
        ...env,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        ACTIONBOT_SCHEDULES: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await eventually(() => stderr.includes('"msg":"serving"'), 'the built bot to start serving', 60_000);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('"msg":"stopped"');
  }, 120_000);
});

function runNode(
  args: string[],
  input: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
