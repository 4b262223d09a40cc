import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackSender } from '../../src/bot/slack/slack-sender.ts';
import type { ChatSender } from '../../src/domain/chat-sender.ts';
import { deliverRun } from '../../src/jobs/deliver.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createLongReply, expectedLines, linesIn } from '../support/long-reply.ts';
import { ENGINES } from '../support/test-database.ts';

describe.each(ENGINES)('a reply of several messages through the outbox on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let sender: ChatSender;
  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack();
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    sender = createSlackSender(client, { partIntervalMs: 0 });
  });
  afterAll(async () => {
    await fake?.close();
    await h?.drop();
  });

  it('sends every part once, in order, when Slack answers 429 in the middle: the retry resumes there', async () => {
    const longer = createLongReply(500, 2900); // a section a line, 49 to a message: 11 messages
    const runKey = 'post:parts-test';
    expect(await h.store.jobRuns.claimRun(runKey, h.clock.now(), 60_000)).toBe('claimed');
    await h.store.outbox.enqueue(runKey, [
      {
        recipient: 'channel:slack:C0DIGEST',
        target: { platform: 'slack', kind: 'channel', id: 'C0DIGEST' },
        message: longer,
      },
    ]);
    // The fourth post is refused with a 429: three parts are out; the retry must start at the fourth.
    fake.failAfter('chat.postMessage', 3, {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const result = await deliverRun(runKey, {
      outbox: h.store.outbox,
      senders: new Map([['slack', sender]]),
      clock: h.clock,
      logger: createLogger('error', () => {}),
      sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    });
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    const posts = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST');
    const accepted = posts.filter((_, i) => i !== 3); // the refused one
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    // Every line exactly once, in order: no part repeated after the 429, none skipped.
    expect(linesIn(accepted.map((c) => c.args.blocks))).toEqual(expectedLines(500));
    // The first part is the channel post; the others continue in its thread.
    const threadTs = accepted.slice(1).map((c) => c.args.thread_ts);
    expect(new Set(threadTs).size).toBe(1);
    expect(threadTs[0]).toMatch(/^\d+\.\d+$/);
    expect(posts[0]?.args.thread_ts).toBeUndefined();
    const [row] = await h.db.prisma.delivery.findMany({ where: { runKey } });
    expect(row).toMatchObject({ status: 'sent', partsSent: accepted.length, threadId: threadTs[0] });
  });

  it('finds a part Slack took but never confirmed by its metadata, and does not send it again', async () => {
    const { accepted, replies } = await sendThroughATimeout('post:unconfirmed-part', fake);
    // Part 2 went out once although its call timed out: the retry found it in the thread.
    expect(linesIn(accepted)).toEqual(expectedLines(150));
    expect(replies).toBe(1);
  });

  it('sends an unconfirmed part again when it cannot read the conversation: at least once, never lost', async () => {
    const blind = await startFakeSlack(undefined, {
      scopes: ['chat:write', 'im:write', 'users:read', 'channels:read'],
    });
    blind.expectRefusals(); // missing_scope for conversations.replies, as Slack answers an app without it
    try {
      const { accepted } = await sendThroughATimeout('post:unreadable-part', blind);
      const lines = linesIn(accepted);
      expect(new Set(lines)).toEqual(new Set(expectedLines(150)));
      expect(lines.length).toBeGreaterThan(150); // the second part twice
      expect(blind.refusals.map((r) => r.error)).toEqual(['missing_scope']);
    } finally {
      await blind.close();
    }
  });

  /**
   * Sends a four-part reply to a channel where Slack takes the second part but its answer never comes
   * (the call times out); the delivery queue retries. Returns the parts the channel got, in order.
   */
  async function sendThroughATimeout(runKey: string, slack: FakeSlack) {
    const channel = `C${runKey.length}${runKey.slice(5, 9).toUpperCase()}`;
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 300,
    });
    await h.store.outbox.post(runKey, {
      recipient: `channel:slack:${channel}`,
      target: { platform: 'slack', kind: 'channel', id: channel },
      message: createLongReply(150, 2900), // 49 sections to a message: four messages
    });
    expect(await h.store.jobRuns.claimRun(runKey, h.clock.now(), 60_000)).toBe('claimed');
    slack.hangAfterAccepting('chat.postMessage', 1);
    const repliesBefore = slack.callsOf('conversations.replies').length;
    const result = await deliverRun(runKey, {
      outbox: h.store.outbox,
      senders: new Map([['slack', createSlackSender(client, { partIntervalMs: 0 })]]),
      clock: h.clock,
      logger: createLogger('error', () => {}),
      sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    });
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    const [row] = await h.db.prisma.delivery.findMany({ where: { runKey } });
    expect(row).toMatchObject({ status: 'sent', partsSent: 4, attemptedAt: null });
    return {
      accepted: (slack.history.get(channel) ?? []).map((m) => m.blocks),
      replies: slack.callsOf('conversations.replies').length - repliesBefore,
    };
  }
});
