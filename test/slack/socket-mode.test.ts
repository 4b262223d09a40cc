import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createLogger } from '../../src/logger.ts';
import { eventually, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import {
  ACK_DEADLINE_MS,
  type Envelope,
  type FakeSocketMode,
  newEnvelopeId,
  startFakeSocketMode,
} from '../support/fake-socket-mode.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { buttonClick, type SlackView, slashCommand, submission } from '../support/slack-payloads.ts';

const TOKEN = 'xoxb-111-222-socketmodebottoken';
const APP_TOKEN = 'xapp-1-A0TEST-333-socketmodeapptoken';
const ADMIN = 'U0ADMIN';
// Bolt waits its client ping timeout (5 s by default) before reconnecting; 1 s keeps this file quick,
// and leaves room for a busy machine (a pong later than this would count as a dead connection).
const RECONNECT_WAIT_MS = 1_000;

// Socket Mode end to end: the real Bolt app connects out through apps.connections.open to a local
// WebSocket server playing Slack, and everything arrives as envelopes that must be acknowledged.
describe('Slack front door in Socket Mode', () => {
  let h: Harness;
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let door: FrontDoor;
  const logLines: string[] = [];
  let seq = 0;
  // Delivered once and acknowledged; delivered again after a reconnection below.
  let buttonEnvelope: Envelope;
  let formEnvelope: Envelope;

  beforeAll(async () => {
    h = await createHarness('pglite');
    socket = await startFakeSocketMode();
    fake = await startFakeSlack(undefined, { socketMode: socket });
    fake.users.set(ADMIN, { id: ADMIN, name: 'ada', real_name: 'Ada Admin', tz: 'Europe/London' });
    const logger = createLogger('debug', (line) => logLines.push(line));
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: undefined, appToken: APP_TOKEN, apiUrl: fake.apiUrl },
      { store: h.store, clock: h.clock, admins: [{ platform: 'slack', externalId: ADMIN }], logger },
      { socketMode: { clientPingTimeoutMs: RECONNECT_WAIT_MS } },
    );
    await door.start();
  });

  afterAll(async () => {
    await door?.stop();
    await socket?.close();
    await fake?.close();
    await h?.drop();
  });

  const envelope = (
    type: Envelope['type'],
    payload: Record<string, unknown>,
    acceptsResponsePayload: boolean,
  ): Envelope => ({
    envelope_id: newEnvelopeId(),
    type,
    payload,
    accepts_response_payload: acceptsResponsePayload,
  });
  // Slack's redelivery of an envelope it saw no ack for: the same envelope, marked as a retry.
  const redelivery = (e: Envelope, attempt: number): Envelope => ({
    ...e,
    retry_attempt: attempt,
    retry_reason: 'timeout',
  });
  const slash = (text: string) => {
    const id = `s${++seq}`;
    const e = envelope('slash_commands', slashCommand(ADMIN, text, id, fake.responseUrl(id)), true);
    return { envelope: e, id, trigger: `trigger-${id}` };
  };
  const answers = (id: string, n = 1) =>
    eventually(() => {
      const posted = fake.responses.get(id) as { text: string }[] | undefined;
      return posted && posted.length >= n && posted.map((p) => p.text);
    }, `${n} answer(s) at response_url ${id}`);
  const updatesOf = (ref: string) => h.db.prisma.progressUpdate.count({ where: { action: { ref } } });

  it('connects with the app-level token through apps.connections.open, and no other call uses it', () => {
    const opens = fake.callsOf('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(APP_TOKEN);
    expect([socket.accepted, socket.open]).toEqual([1, 1]);
    // The fake refuses an xapp- token anywhere else (checked again at close).
    expect(fake.refusals).toEqual([]);
  });

  it('acks a slash command within 3 s, stores the update and answers at its response_url', async () => {
    const { envelope: e, id } = slash('update 1.1 green Started the review');
    const ack = await socket.deliver(e);
    expect(ack.envelopeId).toBe(e.envelope_id);
    expect(ack.ms).toBeLessThan(ACK_DEADLINE_MS);
    expect(ack.payload).toEqual({});
    expect(await answers(id)).toEqual([expect.stringContaining('Updated ARAP:1.1 (Not yet rated → Green)')]);
    const stored = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '1.1' } },
      include: { author: true },
    });
    expect(stored).toMatchObject({ source: 'slack', newStatus: 'GREEN', note: 'Started the review' });
    expect(stored?.author?.displayName).toBe('Ada Admin');
  });

  it('acks a quick-status button (block_actions) and records it', async () => {
    const id = `b${++seq}`;
    const click = buttonClick(
      ADMIN,
      'quick_status:AMBER',
      JSON.stringify({ target: 'ARAP:2.4', status: 'AMBER' }),
      id,
      fake.responseUrl(id),
    );
    buttonEnvelope = envelope('interactive', click, false);
    const before = await updatesOf('2.4');
    const ack = await socket.deliver(buttonEnvelope);
    expect(ack.ms).toBeLessThan(ACK_DEADLINE_MS);
    expect(await answers(id)).toEqual([expect.stringContaining('Updated ARAP:2.4 (Green → Amber)')]);
    expect(await updatesOf('2.4')).toBe(before + 1);
  });

  it('answers a form (view_submission) in the ack: errors inline, writing nothing; then saves it', async () => {
    const { envelope: open, id, trigger } = slash('update 1.2');
    await socket.deliver(open);
    const opened = await eventually(
      () => fake.callsOf('views.open').find((c) => c.args.trigger_id === trigger),
      `views.open for ${trigger}`,
    );
    const view = opened.args.view as SlackView;
    expect(view.callback_id).toBe('update_action');

    const before = await h.snapshot();
    const refused = await socket.deliver(
      envelope('interactive', submission(view, ADMIN, { status: 'RED', note: '' }), true),
    );
    expect(refused.ms).toBeLessThan(ACK_DEADLINE_MS);
    expect(refused.payload).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringMatching(/note/i) },
    });
    expect(await h.snapshot()).toEqual(before);

    const values = { status: 'RED', note: 'Sponsor left; need a new one' };
    formEnvelope = envelope('interactive', submission(view, ADMIN, values), true);
    const saved = await socket.deliver(formEnvelope);
    expect(saved.ms).toBeLessThan(ACK_DEADLINE_MS);
    expect(saved.payload).toEqual({});
    expect(await answers(id)).toEqual([expect.stringContaining('Updated ARAP:1.2 (Amber → Red)')]);
    expect(await updatesOf('1.2')).toBe(1);
  });

  it('reconnects through apps.connections.open when the connection drops; the envelope whose ack was lost records once', async () => {
    const { envelope: e, id } = slash('update 2.5 amber Panels paused');
    const before = await updatesOf('2.5');
    // The bot acks, but the connection fails before Slack reads the ack: Slack will deliver it again.
    await socket.deliver(e, { loseAck: true });
    await socket.connected(2);
    expect(fake.callsOf('apps.connections.open')).toHaveLength(2);
    expect(socket.open).toBe(1);

    const again = await socket.deliver(redelivery(e, 1));
    expect(again.connection).toBe(2);
    expect(again.ms).toBeLessThan(ACK_DEADLINE_MS);
    const [first, second] = await answers(id, 2);
    expect(first).toContain('Updated ARAP:2.5 (Complete → Amber)');
    expect(second).toMatch(/Already recorded/);
    expect(await updatesOf('2.5')).toBe(before + 1);
  });

  it('reconnects when Slack asks for a refresh; a button and a form delivered again record nothing twice', async () => {
    socket.requestRefresh();
    await socket.connected(3);
    expect(fake.callsOf('apps.connections.open')).toHaveLength(3);
    // The bot closed the old connection itself once the new one was asked for.
    await eventually(() => socket.open === 1, 'the refreshed connection closed');

    const before = await h.snapshot();
    const button = await socket.deliver(redelivery(buttonEnvelope, 1));
    const form = await socket.deliver(redelivery(formEnvelope, 2));
    expect([button.connection, form.connection]).toEqual([3, 3]);
    expect(Math.max(button.ms, form.ms)).toBeLessThan(ACK_DEADLINE_MS);
    expect(form.payload).toEqual({});
    const buttonId = String(buttonEnvelope.payload.response_url).split('/').pop() ?? '';
    expect((await answers(buttonId, 2))[1]).toMatch(/Already recorded/);
    expect(await h.snapshot()).toEqual(before);

    // A new gesture after all that still records: the connection serves as before.
    const { envelope: e, id } = slash('update 2.4 green Data reviewed');
    await socket.deliver(e);
    expect(await answers(id)).toEqual([expect.stringContaining('Updated ARAP:2.4 (Amber → Green)')]);
  });

  it('never writes the bot token, the app-level token or what was typed to the logs', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    for (const secret of [TOKEN, APP_TOKEN, 'Sponsor left', 'Panels paused'])
      expect(all).not.toContain(secret);
  });
});
