import { spawn } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../support/run-bot.ts';

// `npm test` on a machine with no PostgreSQL server: vitest's global setup finds nothing at
// TEST_DATABASE_URL, starts the embedded PostgreSQL, says so once, and the server tests pass on it.
describe('the tests on a machine without a PostgreSQL server', () => {
  it('start an embedded PostgreSQL, say so once, and pass', async () => {
    const closed = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const run = spawn(process.execPath, [vitest, 'run', '--reporter=verbose', 'test/db/database.test.ts'], {
      cwd: ROOT,
      env: { ...process.env, TEST_DATABASE_URL: closed },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (d) => (output += d));
    run.stderr.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => run.on('close', resolve));
    output = stripVTControlCharacters(output);
    expect(output.split(`No PostgreSQL answered at ${closed}`).length - 1, output).toBe(1);
    expect(output).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    expect(output).toContain('database on postgres');
    expect(code, output).toBe(0);
  }, 240_000);
});
