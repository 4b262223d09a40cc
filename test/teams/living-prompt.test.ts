import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { toActionItem } from '../../src/commands/present.ts';
import { createReply } from '../../src/commands/reply.ts';
import type { ChatSender } from '../../src/domain/chat-sender.ts';
import { deliverRun } from '../../src/jobs/deliver.ts';
import { createLogger } from '../../src/logger.ts';
import { cardText, type FakeConnector, startFakeConnector } from '../support/fake-connector.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { checkAdaptiveCard, checkCardActionAnswer } from '../support/teams-limits.ts';
import { ENGINES } from '../support/test-database.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const JANE = { id: '29:jane', name: 'Jane Doe', aadObjectId: 'aad-jane' };
const BOB = { id: '29:bob', name: 'Bob Smith', aadObjectId: 'aad-bob' };
const PERSONAL = { id: 'a:personal-aad-jane', conversationType: 'personal', tenantId: TENANT };
const CHANNEL_ID = '19:equality@thread.tacv2';
const CHANNEL = {
  id: `${CHANNEL_ID};messageid=1700000000001`,
  conversationType: 'channel',
  tenantId: TENANT,
};

type User = typeof JANE;
type Card = { refresh?: { action: { verb: string; data: unknown }; userIds: string[] }; body: unknown[] };
type Execute = { type: string; title: string; verb: string; data: Record<string, unknown> };

describe.each(ENGINES)('living prompts in Teams (Universal Actions) over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    for (const user of [JANE, BOB]) fake.members.set(user.id, user);
    const logger = createLogger('error', () => {});
    door = createTeamsFrontDoor({ mode: 'emulator' }, { store: h.store, clock: h.clock, admins: [], logger });
    server = await serveFrontDoor(door, h.db.isReady, logger);
    const jane = { platform: 'teams' as const, externalId: JANE.aadObjectId, displayName: 'Jane Doe' };
    await h.holdRole(jane, 'Head of People Services');
    await post(activity(JANE, PERSONAL, { type: 'message', text: 'help' })); // keeps her personal chat
    await post(activity(BOB, { ...PERSONAL, id: 'a:personal-aad-bob' }, { type: 'message', text: 'help' }));
    await post(activity(BOB, CHANNEL, { type: 'installationUpdate', action: 'add' })); // and the channel
    h.clock.set(new Date('2027-01-04T09:00:00Z'));
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  function activity(user: User, conversation: typeof PERSONAL, extra: Record<string, unknown>) {
    return {
      id: `in-${++seq}`,
      timestamp: new Date().toISOString(),
      serviceUrl: fake.url,
      channelId: 'msteams',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: BOT,
      conversation,
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  }

  async function post(body: unknown) {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** A prompt of these actions through the real outbox and Teams sender; the cards the connector got. */
  async function sendPrompt(refs: string[], target: { kind: 'person' | 'channel'; id: string }) {
    const now = h.clock.now();
    const actions = (await h.store.actions.findActions({ planCodes: ['ARAP'] })).filter((a) =>
      refs.includes(a.ref),
    );
    const key = `post:teams-prompt-${++seq}`;
    await h.store.outbox.post(key, {
      recipient: `${target.kind}:${target.id}`,
      target: { platform: 'teams', ...target },
      message: createReply(
        { type: 'heading', text: 'Time to update ARAP' },
        { type: 'update-prompt', items: actions.map((a) => toActionItem(a, now)), asOf: now.toISOString() },
      ),
    });
    const before = fake.sent.length;
    const result = await deliverRun(key, {
      outbox: h.store.outbox,
      senders: new Map([['teams', door.sender as ChatSender]]),
      clock: h.clock,
      logger: createLogger('error', () => {}),
    });
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    return fake.sent.slice(before);
  }

  const cardOf = (sent: { activity: { attachments?: { content: unknown }[] } } | undefined) =>
    sent?.activity.attachments?.[0]?.content as Card;
  const buttons = (card: Card): Execute[] => {
    const found: Execute[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if ((v as Execute).type === 'Action.Execute') found.push(v as Execute);
        Object.values(v).forEach(walk);
      }
    };
    walk(card.body);
    return found;
  };
  const button = (card: Card, target: string, title: string) => {
    const found = buttons(card).find((b) => b.data.target === target && b.title === title);
    if (!found) throw new Error(`no ${title} button for ${target}`);
    return found;
  };

  /** Presses an Action.Execute as Teams does: an adaptiveCard/action invoke on the card's message. */
  const press = (user: User, conversation: typeof PERSONAL, cardMessageId: string, action: Execute) =>
    post(
      activity(user, conversation, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: cardMessageId,
        value: {
          action: { type: 'Action.Execute', verb: action.verb, data: action.data },
          trigger: 'manual',
        },
      }),
    );

  it('sends a personal prompt as a living card: Action.Execute buttons and a refresh for its owner', async () => {
    const [sent] = await sendPrompt(['2.4', '2.5'], { kind: 'person', id: JANE.aadObjectId });
    const card = cardOf(sent);
    expect(checkAdaptiveCard(card)).toEqual([]);
    expect(card.refresh?.userIds).toEqual([JANE.id]);
    expect(card.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: 'refresh' });
    expect(button(card, 'ARAP:2.4', 'Green')).toMatchObject({ verb: 'quick', data: { status: 'GREEN' } });
  });

  it('answers Green with the card brought up to date; a press on the stale copy records nothing', async () => {
    const [sent] = await sendPrompt(['2.4', '2.5'], { kind: 'person', id: JANE.aadObjectId });
    const card = cardOf(sent);
    const messageId = sent?.id ?? '';
    h.clock.set(new Date('2027-01-04T10:30:00Z'));
    const before = fake.sent.length;
    const green = await press(JANE, PERSONAL, messageId, button(card, 'ARAP:2.4', 'Green'));
    expect(checkCardActionAnswer(green.status, green.body)).toEqual([]);
    expect(green.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const fresh = green.body.value as Card;
    expect(cardText(fresh as never)).toContain('Recorded: Green by Jane Doe, 4 Jan 2027, 10:30');
    expect(buttons(fresh).filter((b) => b.data.target === 'ARAP:2.4')).toEqual([]);
    expect(buttons(fresh).some((b) => b.data.target === 'ARAP:2.5')).toBe(true);
    expect(fresh.refresh?.userIds).toEqual([JANE.id]);
    expect(fake.sent.slice(before).map((s) => s.activity.text)).toEqual([
      expect.stringContaining('Updated ARAP:2.4'),
    ]);
    const stored = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '2.4' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(stored).toMatchObject({ source: 'teams', newStatus: 'GREEN' });

    // The card as it was sent, pressed again (Amber this time): nothing recorded, the status said.
    const snapshot = await h.snapshot();
    const stale = await press(JANE, PERSONAL, messageId, button(card, 'ARAP:2.4', 'Amber'));
    expect(await h.snapshot()).toEqual(snapshot);
    expect(fake.sent.at(-1)?.activity.text).toContain(
      'That message is out of date: ARAP:2.4 is Green now (Jane Doe, 4 Jan 2027, 10:30). Nothing was recorded',
    );
    expect(cardText(stale.body.value)).toContain('Recorded: Green by Jane Doe');

    // Teams refreshing the card (Jane opens the chat again) gets the same card as it is now.
    const refreshed = await press(JANE, PERSONAL, messageId, card.refresh?.action as Execute);
    expect(checkCardActionAnswer(refreshed.status, refreshed.body)).toEqual([]);
    expect(refreshed.body.value).toEqual(stale.body.value);
  });

  it('in a channel, only the action’s owners get the card refreshed; a copy elsewhere shows nothing', async () => {
    const [sent] = await sendPrompt(['2.5'], { kind: 'channel', id: CHANNEL_ID });
    const card = cardOf(sent);
    expect(card.refresh?.userIds).toEqual([JANE.id]); // Jane holds the role; Bob does not
    const refreshed = await press(JANE, CHANNEL, sent?.id ?? '', card.refresh?.action as Execute);
    expect(checkCardActionAnswer(refreshed.status, refreshed.body)).toEqual([]);
    expect((refreshed.body.value as Card).refresh?.userIds).toEqual([JANE.id]);
    // The same refresh asked from Bob's personal chat: not where the prompt went.
    const elsewhere = await press(
      BOB,
      { ...PERSONAL, id: 'a:personal-aad-bob' },
      'x',
      card.refresh?.action as Execute,
    );
    expect(elsewhere.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'This card is not kept up to date.',
    });
    // Bob pressing a button in the channel is refused as not an owner, and records nothing.
    const snapshot = await h.snapshot();
    await press(BOB, CHANNEL, sent?.id ?? '', button(card, 'ARAP:2.5', 'Green'));
    expect(fake.sent.at(-1)?.activity.text).toContain("You can't update 2.5");
    expect(await h.snapshot()).toEqual(snapshot);
  });
});
