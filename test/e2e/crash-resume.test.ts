import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { eventually, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { createLongReply, expectedLines, linesIn } from '../support/long-reply.ts';
import { freePort, startBot } from '../support/run-bot.ts';

const CHANNEL = 'C0CRASH';
const RUN = 'post:crash-test';

/**
 * `kill -9` while a message is in flight, on the embedded database: the outbox holds a four-part
 * reply for a channel; Slack takes the second part, and the process is killed before Slack's answer
 * arrives. The restarted process must resume at once, find the second part by its metadata instead
 * of posting it again, and send the rest: every line once, in order.
 */
describe('a send killed after Slack took it', () => {
  let fake: FakeSlack;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-crash-'));
  const dataDir = path.join(home, 'data'); // its feedback secret file is made beside it
  beforeAll(async () => {
    fake = await startFakeSlack();
    const db = await openDatabase({ kind: 'embedded', dataDir });
    try {
      await createStore(db.prisma, { feedbackSecret: 'crash-test-feedback-secret' }).outbox.post(RUN, {
        recipient: `channel:slack:${CHANNEL}`,
        target: { platform: 'slack', kind: 'channel', id: CHANNEL },
        message: createLongReply(150, 2900),
      });
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await fake.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('is found, not sent again, and the rest goes out within a minute of the restart', async () => {
    const messages = () => fake.history.get(CHANNEL) ?? [];
    fake.hangAfterAccepting('chat.postMessage', 1);
    const first = await startSlackBot(dataDir, fake);
    await eventually(() => messages().length === 2, 'Slack to take the second part', 90_000);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startSlackBot(dataDir, fake);
    const servingAt = await second.serving;
    await eventually(() => messages().length === 4, 'the rest of the reply', 60_000);
    const resumedInMs = Date.now() - servingAt;
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    expect(linesIn(messages().map((m) => m.blocks))).toEqual(expectedLines(150));
    expect(fake.callsOf('conversations.replies').length).toBeGreaterThanOrEqual(1);
    expect(resumedInMs).toBeLessThan(60_000);
    expect(second.stderr()).toContain('resuming runs a stopped process left unfinished');
    const db = await openDatabase({ kind: 'embedded', dataDir });
    try {
      const [delivery] = await db.prisma.delivery.findMany({ where: { runKey: RUN } });
      expect(delivery).toMatchObject({ status: 'sent', partsSent: 4, attemptedAt: null });
      expect((await db.prisma.jobRun.findUnique({ where: { key: RUN } }))?.finishedAt).not.toBeNull();
    } finally {
      await db.close();
    }
  });
});

/** Starts `npm start`'s entry point serving Slack against the fake, on the data directory. */
async function startSlackBot(dataDir: string, fake: FakeSlack) {
  const bot = startBot({
    ACTIONBOT_DATA_DIR: dataDir,
    ACTIONBOT_DEMO: 'false',
    SLACK_BOT_TOKEN: 'xoxb-crash-test',
    SLACK_SIGNING_SECRET: 'crash-test-signing-secret',
    SLACK_API_URL: fake.apiUrl,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
  });
  const serving = eventually(() => bot.stderr().includes('"msg":"serving"'), 'the bot to serve', 90_000);
  return { ...bot, serving: serving.then(() => Date.now()) };
}
