import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { eventually } from '../support/fake-slack.ts';
import { freePort, type RunningBot, startBot } from '../support/run-bot.ts';
import { embeddedTarget, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

const CHANNELS = 3;
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-stop-e2e-'));
const seeded = path.join(tempDir, 'seeded');

/** A fake Slack Web API that takes every request and never answers it. */
async function startSilentSlack(): Promise<{ url: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer((req) => {
    paths.push(req.url ?? '');
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves Slack (HTTP mode) from a copy of the seeded database: the weekly digest is due at once. */
async function startServing(
  name: string,
  slackApiUrl: string,
): Promise<{ bot: RunningBot; dataDir: string }> {
  const dataDir = path.join(tempDir, name);
  fs.cpSync(seeded, dataDir, { recursive: true });
  const bot = startBot({
    ACTIONBOT_DATA_DIR: dataDir,
    ACTIONBOT_DEMO: 'false',
    ACTIONBOT_FEEDBACK_SECRET: TEST_FEEDBACK_SECRET,
    // The digest's slot is at most a week old: catching up two weeks makes it due whatever today is.
    ACTIONBOT_CATCH_UP_HOURS: '336',
    SLACK_BOT_TOKEN: 'xoxb-stop-test-token',
    SLACK_SIGNING_SECRET: 'stop-test-signing-secret',
    SLACK_API_URL: slackApiUrl,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
  });
  await eventually(() => bot.stderr().includes('"msg":"serving"'), 'the bot to start serving', 30_000);
  return { bot, dataDir };
}

/** Sends the signal and measures how long the process takes to exit. */
async function signal(bot: RunningBot, name: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  bot.child.kill(name);
  const code = await bot.exited;
  return { code, ms: Date.now() - sent };
}

function logLine(stderr: string, msg: string): Record<string, unknown> | undefined {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.msg === msg);
}

describe('SIGTERM while Slack is down', () => {
  beforeAll(async () => {
    const db = await openDatabase(embeddedTarget(seeded));
    try {
      const store = createStore(db.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET });
      for (let i = 0; i < CHANNELS; i++)
        await store.subscriptions.subscribe('slack', `C0STOP${i}`, `stop-${i}`);
    } finally {
      await db.close();
    }
  });
  afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

  it('exits within 5 s while deliveries are retrying, leaving them in the outbox', async () => {
    const refused = `http://127.0.0.1:${await freePort()}/api/`;
    const { bot, dataDir } = await startServing('refused', refused);
    try {
      await eventually(() => bot.stderr().includes('"msg":"delivery will be retried"'), 'retries in flight');
    } catch (error) {
      bot.child.kill('SIGKILL');
      throw error;
    }
    const { code, ms } = await signal(bot, 'SIGTERM');
    expect(ms).toBeLessThan(5_000);
    expect(code).toBe(0);
    const stopped = logLine(bot.stderr(), 'stopped');
    const unfinished = stopped?.unfinished as string[];
    expect(unfinished).toHaveLength(1);
    expect(unfinished[0]).toMatch(
      /^scheduled run digest:\d{4}-\d{2}-\d{2} \(unsent messages kept in the outbox\)$/,
    );
    // The digest's messages are still there to send, for the next start.
    const db = await openDatabase(embeddedTarget(dataDir));
    try {
      const left = await db.prisma.delivery.findMany({ where: { status: 'pending' } });
      expect(left.map((d) => d.targetId).sort()).toEqual(
        Array.from({ length: CHANNELS }, (_, i) => `C0STOP${i}`),
      );
    } finally {
      await db.close();
    }
  });

  it('exits within 5 s while a send hangs, naming what it left; a second signal exits at once', async () => {
    const silent = await startSilentSlack();
    try {
      const first = await startServing('hanging', silent.url);
      await eventually(() => silent.paths.some((p) => p.includes('chat.postMessage')), 'a send on the wire');
      const { code, ms } = await signal(first.bot, 'SIGTERM');
      expect(ms).toBeLessThan(5_000);
      expect(code).toBe(0);
      expect(logLine(first.bot.stderr(), 'stopped')).toMatchObject({
        level: 'warn',
        signal: 'SIGTERM',
        unfinished: ['scheduled sends (not stopped after 2500 ms)'],
      });

      const second = await startServing('impatient', silent.url);
      await eventually(
        () => silent.paths.filter((p) => p.includes('chat.postMessage')).length >= 2,
        'the second send on the wire',
      );
      second.bot.child.kill('SIGTERM');
      await eventually(() => second.bot.stderr().includes('"msg":"stopping"'), 'stopping');
      const again = await signal(second.bot, 'SIGTERM');
      expect(again.code).toBe(143); // 128 + SIGTERM
      expect(again.ms).toBeLessThan(1_000);
      expect(logLine(second.bot.stderr(), 'stopping at once')).toMatchObject({ signal: 'SIGTERM' });
      expect(logLine(second.bot.stderr(), 'stopped')).toBeUndefined();
    } finally {
      await silent.close();
    }
  });
});
