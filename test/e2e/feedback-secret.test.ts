import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { runBot } from '../support/run-bot.ts';
import { createServerDatabase, dropServerDatabase, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-secret-e2e-'));
const serverDatabases: string[] = [];
afterAll(async () => {
  fs.rmSync(tempDir, { recursive: true, force: true });
  await Promise.all(serverDatabases.map(dropServerDatabase));
});

const NET = '"Disabled Staff Network"';
const quiet = { ACTIONBOT_DEMO: 'false' };

describe('the feedback secret of the embedded database', () => {
  const dataDir = path.join(tempDir, 'data');
  const secretFile = `${dataDir}.feedback-secret`;

  it('is made on first start beside the data directory, mode 0600, and the same key is used after a restart', async () => {
    const first = await runBot(`network create ${NET}\nnetwork members ${NET} add @amara\n`, {
      ...quiet,
      ACTIONBOT_DATA_DIR: dataDir,
    });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Disabled Staff Network's member list now has 1 person");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(secretFile, 'utf8');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(fs.readdirSync(dataDir).some((f) => f.includes('secret'))).toBe(false);

    // Removing amara finds her hash only if the restarted process keys it with the same secret.
    const second = await runBot(`network members ${NET} remove @amara\n`, {
      ...quiet,
      ACTIONBOT_DATA_DIR: dataDir,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Disabled Staff Network's member list now has 0 people");
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(secret);
  });

  it('refuses to start, exit code 78, when others may read the file', async () => {
    const otherDir = path.join(tempDir, 'other');
    const otherFile = `${otherDir}.feedback-secret`;
    fs.writeFileSync(otherFile, `${'k'.repeat(43)}\n`, { mode: 0o644 });
    fs.chmodSync(otherFile, 0o644); // whatever the umask
    const result = await runBot('networks\n', { ...quiet, ACTIONBOT_DATA_DIR: otherDir });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `The feedback secret file ${otherFile} is readable or writable by others (mode 0644): run chmod 600 ${otherFile}, then start again.\n`,
    );
  });
});

describe('PostgreSQL without ACTIONBOT_FEEDBACK_SECRET', () => {
  async function newServerDatabase(networks: string[]): Promise<string> {
    const target = await createServerDatabase();
    serverDatabases.push(target.url);
    const db = await openDatabase(target);
    try {
      const store = createStore(db.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET });
      for (const name of networks) expect((await store.networks.createNetwork(name)).ok).toBe(true);
    } finally {
      await db.close();
    }
    return target.url;
  }

  it('refuses to start, exit code 78, once staff networks exist', async () => {
    const url = await newServerDatabase(['Disabled Staff Network']);
    const result = await runBot('networks\n', { ...quiet, DATABASE_URL: url });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'ACTIONBOT_FEEDBACK_SECRET is not set, but this database has 1 staff network: set it to the secret their member lists and receipts were made with (see README, "Feedback secret").\n',
    );
    // With the secret it starts and serves the network.
    const keyed = await runBot('networks\n', {
      ...quiet,
      DATABASE_URL: url,
      ACTIONBOT_FEEDBACK_SECRET: TEST_FEEDBACK_SECRET,
    });
    expect(keyed.code).toBe(0);
    expect(keyed.stdout).toContain('Disabled Staff Network');
  });

  it('starts with a warning when there are none, and refuses to create one', async () => {
    const url = await newServerDatabase([]);
    const result = await runBot(`network create ${NET}\nnetworks\n`, { ...quiet, DATABASE_URL: url });
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'warn',
      msg: 'ACTIONBOT_FEEDBACK_SECRET is not set: staff networks cannot be created until it is',
    });
    expect(result.stdout).toContain(
      'Staff networks need a feedback secret: whoever runs Actionbot must set ACTIONBOT_FEEDBACK_SECRET and restart it.',
    );
    expect(result.stdout).toContain('No staff networks yet.');
  });
});
