import http from 'node:http';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createReply } from '../../src/commands/reply.ts';
import { SendFailure } from '../../src/domain/chat-sender.ts';
import { createLogger } from '../../src/logger.ts';
import { createReportDocuments } from '../../src/reports/render-docx.ts';
import { eventually, type FakeSlack, signSlackRequest, startFakeSlack } from '../support/fake-slack.ts';
import { FIXED_NOW } from '../support/fixture-plan.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { buttonClick, type SlackView, slashCommand, submission } from '../support/slack-payloads.ts';
import { ENGINES } from '../support/test-database.ts';

const SECRET = 'test-signing-secret-5a1e';
const TOKEN = 'xoxb-111-222-secrettokenvalue';
const ADMIN = 'U0ADMIN';
const JANE = 'U0JANE';
const BOB = 'U0BOB';

describe.each(ENGINES)('Slack front door over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  const logLines: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack();
    fake.users.set(ADMIN, { id: ADMIN, name: 'ada', real_name: 'Ada Admin', tz: 'Europe/London' });
    fake.users.set(JANE, {
      id: JANE,
      name: 'jane',
      real_name: 'Jane Doe',
      email: 'jane@example.org',
      tz: 'Europe/London',
    });
    fake.users.set(BOB, { id: BOB, name: 'bob', real_name: 'Bob Smith' });
    const logger = createLogger('debug', (line) => logLines.push(line));
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      {
        store: h.store,
        clock: h.clock,
        admins: [{ platform: 'slack', externalId: ADMIN }],
        logger,
        documents: createReportDocuments(),
      },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  const post = (
    body: string,
    contentType: string,
    headers: Record<string, string> = signSlackRequest(SECRET, body),
  ) =>
    fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
    });

  /** Posts a signed `/action <text>` as Slack does; returns the HTTP status and the response URL's id. */
  async function slash(user: string, text: string, channel = { id: 'C0GENERAL', name: 'general' }) {
    const id = `r${++seq}`;
    const body = new URLSearchParams(slashCommand(user, text, id, fake.responseUrl(id), channel)).toString();
    const res = await post(body, 'application/x-www-form-urlencoded');
    return { status: res.status, ackBody: await res.text(), id, trigger: `trigger-${id}` };
  }

  const interaction = (payload: unknown) =>
    post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  const responseText = (id: string) =>
    eventually(
      () => fake.responses.get(id)?.[0] as { text: string; response_type: string } | undefined,
      `a reply at response_url ${id}`,
    );
  const viewOpenedWith = (trigger: string) =>
    eventually(
      () =>
        fake.callsOf('views.open').find((c) => c.args.trigger_id === trigger)?.args.view as
          | SlackView
          | undefined,
      `views.open for ${trigger}`,
    );

  it('answers health and readiness checks on the same port', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('acks /action update at once, stores the update and answers at response_url with the new status', async () => {
    const before = await h.db.prisma.progressUpdate.count();
    const { status, ackBody, id } = await slash(ADMIN, 'update 1.1 green Started the review');
    expect(status).toBe(200);
    expect(ackBody).toBe('');
    const reply = await responseText(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Updated ARAP:1.1 (Not yet rated → Green)');
    const stored = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '1.1' } },
      include: { author: true },
    });
    expect(stored).toMatchObject({ source: 'slack', newStatus: 'GREEN', note: 'Started the review' });
    expect(stored?.author?.displayName).toBe('Ada Admin');
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 1);
  });

  it('maps a mentioned Slack user to a person, who can then update their own actions', async () => {
    const owner = await slash(ADMIN, 'owner "Head of People Services" <@U0JANE|jane>');
    expect((await responseText(owner.id)).text).toContain('Jane Doe');
    expect(fake.callsOf('users.info').some((c) => c.args.user === JANE)).toBe(true);
    const jane = await h.db.prisma.person.findUnique({ where: { email: 'jane@example.org' } });
    expect(jane).toMatchObject({ displayName: 'Jane Doe', timeZone: 'Europe/London' });
    const update = await slash(JANE, 'update 2.4 amber Waiting for the Q3 data');
    expect((await responseText(update.id)).text).toContain('Updated ARAP:2.4 (Green → Amber)');
  });

  it('refuses a non-owner ephemerally and writes nothing', async () => {
    // Bob's first contact makes him known; the refusal afterwards must change nothing at all.
    await responseText((await slash(BOB, 'help')).id);
    const before = await h.snapshot();
    const { id } = await slash(BOB, 'update 1.2 red Nothing is happening');
    const reply = await responseText(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('1.2');
    expect(await h.snapshot()).toEqual(before);
  });

  it('opens the update modal for a ref without status; Red without a note is refused inline, with a note it is saved', async () => {
    const { trigger, id } = await slash(ADMIN, 'update 1.2');
    const view = await viewOpenedWith(trigger);
    expect(view.callback_id).toBe('update_action');
    expect(JSON.stringify(view.blocks)).toContain('Publish progress twice a year');
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      target: 'ARAP:1.2',
      responseUrl: fake.responseUrl(id),
    });

    const before = await h.snapshot();
    const empty = await interaction(submission(view, ADMIN, { status: 'keep', note: '' }));
    expect(await empty.json()).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringContaining('Nothing to record') },
    });
    const refused = await interaction(submission(view, ADMIN, { status: 'RED', note: '' }));
    expect(refused.status).toBe(200);
    const errors = await refused.json();
    expect(errors).toMatchObject({
      response_action: 'errors',
      errors: { note: expect.stringMatching(/note/i) },
    });
    expect(await h.snapshot()).toEqual(before);

    const saved = await interaction(
      submission(view, ADMIN, { status: 'RED', note: 'Sponsor left; need a new one' }),
    );
    expect(saved.status).toBe(200);
    expect(await saved.text()).toBe('');
    expect((await responseText(id)).text).toContain('Updated ARAP:1.2 (Amber → Red)');
    const latest = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '1.2' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(latest).toMatchObject({ newStatus: 'RED', note: 'Sponsor left; need a new one', source: 'slack' });
  });

  it('lets an owner pick one of their actions when update has no ref', async () => {
    const { trigger } = await slash(JANE, 'update');
    const view = await viewOpenedWith(trigger);
    const select = view.blocks.find((b) => b.block_id === 'action') as {
      element: { options: { value: string }[] };
    };
    expect(select.element.options.map((o) => o.value)).toEqual(['ARAP:2.4', 'ARAP:2.5']);
  });

  it('publishes App Home with the user’s actions, an Update button for each, and what needs an update', async () => {
    // Next quarter: Jane's actions that are not complete need an update again.
    h.clock.set(new Date('2027-02-02T10:00:00Z'));
    const res = await post(
      JSON.stringify({
        token: 'legacy',
        team_id: 'T0TEST',
        api_app_id: 'A0TEST',
        type: 'event_callback',
        event_id: 'Ev0HOME',
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_home_opened', user: JANE, channel: 'D0JANE', tab: 'home' },
      }),
      'application/json',
    );
    expect(res.status).toBe(200);
    const published = await eventually(
      () => fake.callsOf('views.publish').find((c) => c.args.user_id === JANE),
      'views.publish',
    );
    const home = published.args.view as SlackView;
    expect(home.type).toBe('home');
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('2.4');
    expect(text).toContain('2.5');
    expect(text).toContain('1 of 2 need an update this cycle');
    expect(text).toContain('needs an update this cycle');
    const buttons = home.blocks.filter(
      (b) => (b.accessory as { action_id?: string } | undefined)?.action_id === 'open_update',
    );
    expect(buttons.map((b) => (b.accessory as { value: string }).value)).toEqual(
      expect.arrayContaining(['ARAP:2.4', 'ARAP:2.5']),
    );
    h.clock.set(FIXED_NOW);
  });

  it('records a quick-status button click once, even when Slack delivers it twice', async () => {
    const before = await h.db.prisma.progressUpdate.count();
    const click = buttonClick(
      JANE,
      'quick_status:GREEN',
      JSON.stringify({ target: 'ARAP:2.4', status: 'GREEN' }),
      `b${++seq}`,
      fake.responseUrl(`b${seq}`),
    );
    const body = `payload=${encodeURIComponent(JSON.stringify(click))}`;
    const [first, second] = await Promise.all([
      post(body, 'application/x-www-form-urlencoded'),
      post(body, 'application/x-www-form-urlencoded', {
        ...signSlackRequest(SECRET, body),
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await eventually(
      () => (fake.responses.get(click.response_url.split('/').pop() ?? '')?.length ?? 0) >= 2,
      'both answers',
    );
    const answers = fake.responses.get(click.response_url.split('/').pop() ?? '') as { text: string }[];
    expect(answers.map((a) => a.text).join('\n')).toMatch(/Already recorded/);
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 1);
  });

  it('records a slash command once when Slack retries it or it is replayed; typed again, it records again', async () => {
    const before = await h.db.prisma.progressUpdate.count();
    const id = `r${++seq}`;
    const body = new URLSearchParams({
      team_id: 'T0TEST',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: ADMIN,
      command: '/action',
      text: 'update 2.4 amber Retried delivery',
      response_url: fake.responseUrl(id),
      trigger_id: `trigger-${id}`,
    }).toString();
    const signed = signSlackRequest(SECRET, body);
    // The first delivery, three retries and a byte-identical replay (five: all a response_url takes).
    for (const retry of ['', '1', '2', '3', '']) {
      const headers = retry
        ? { ...signed, 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' }
        : signed;
      expect((await post(body, 'application/x-www-form-urlencoded', headers)).status).toBe(200);
    }
    await eventually(() => (fake.responses.get(id)?.length ?? 0) >= 5, 'five answers');
    const answers = (fake.responses.get(id) as { text: string }[]).map((a) => a.text);
    expect(answers.filter((a) => a.includes('Updated ARAP:2.4'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('Already recorded'))).toHaveLength(4);
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 1);
    // The same words typed again are a new invocation (a new trigger_id): recorded.
    const again = await slash(ADMIN, 'update 2.4 amber Retried delivery');
    expect((await responseText(again.id)).text).toContain('Updated ARAP:2.4');
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 2);
  });

  it('opens the form with Complete chosen when the Complete button is pressed (a note is needed)', async () => {
    const click = buttonClick(
      JANE,
      'quick_status:COMPLETE',
      JSON.stringify({ target: 'ARAP:2.4', status: 'COMPLETE' }),
      `b${++seq}`,
      fake.responseUrl(`b${seq}`),
    );
    const res = await interaction(click);
    expect(res.status).toBe(200);
    const view = await viewOpenedWith(click.trigger_id);
    const status = view.blocks.find((b) => b.block_id === 'status') as {
      element: { initial_option: { value: string } };
    };
    expect(status.element.initial_option.value).toBe('COMPLETE');
  });

  it('opens the update form from a prompt’s Add note and from the Home tab’s Update, as Slack accepts it', async () => {
    const addNote = buttonClick(JANE, 'open_update', 'ARAP:2.4', `b${++seq}`, fake.responseUrl(`b${seq}`));
    expect((await interaction(addNote)).status).toBe(200);
    const fromPrompt = await viewOpenedWith(addNote.trigger_id);
    expect(JSON.stringify(fromPrompt)).toContain('"block_id":"note"');
    const fromHome = {
      ...buttonClick(JANE, 'open_update', 'ARAP:2.5', `b${++seq}`, ''),
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
    };
    const { response_url: _none, ...homeClick } = fromHome;
    expect((await interaction(homeClick)).status).toBe(200);
    const view = await viewOpenedWith(homeClick.trigger_id);
    // No max_length over Slack's 3000 on the note: the strict fake would have refused the view.
    const note = view.blocks.find((b) => b.block_id === 'note') as { element: Record<string, unknown> };
    expect(note.element.max_length).toBeUndefined();
    expect(fake.refusals).toEqual([]);
  });

  it('refuses a note over 4,000 characters in the form itself, writing nothing', async () => {
    const before = await h.snapshot();
    const res = await interaction({
      type: 'view_submission',
      team: { id: 'T0TEST' },
      user: { id: JANE, name: 'jane' },
      api_app_id: 'A0TEST',
      token: 'legacy',
      trigger_id: `trigger-v${++seq}`,
      view: {
        id: `V${seq}`,
        type: 'modal',
        callback_id: 'update_action',
        private_metadata: JSON.stringify({ target: 'ARAP:2.4' }),
        state: {
          values: {
            status: { value: { type: 'static_select', selected_option: { value: 'GREEN' } } },
            note: { value: { type: 'plain_text_input', value: 'n'.repeat(4001) } },
          },
        },
      },
    });
    const ack = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(ack.errors.note).toMatch(/too long/);
    expect(await h.snapshot()).toEqual(before);
  });

  it('pages the Home tab with its Next button', async () => {
    const click = {
      ...buttonClick(JANE, 'home_page:1', '1', `b${++seq}`, ''),
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
    };
    const before = fake.callsOf('views.publish').length;
    expect((await interaction(click)).status).toBe(200);
    await eventually(() => fake.callsOf('views.publish').length > before, 'the Home tab republished');
    expect(fake.callsOf('views.publish').at(-1)?.args.user_id).toBe(JANE);
  });

  it('searches every theme and action for the feedback form’s tags as the person types', async () => {
    const res = await interaction({
      type: 'block_suggestion',
      team: { id: 'T0TEST' },
      user: { id: BOB, name: 'bob' },
      api_app_id: 'A0TEST',
      token: 'legacy',
      block_id: 'tags',
      action_id: 'value',
      value: 'recruit',
      view: { id: 'V0FEEDBACK', type: 'modal', callback_id: 'anonymous_feedback' },
    });
    const { options } = (await res.json()) as { options: { text: { text: string }; value: string }[] };
    expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['theme ARAP:2', 'ARAP:2.4']));
    expect(options.every((o) => /recruit/i.test(o.text.text))).toBe(true);
    expect(options[0]?.text.text).toMatch(/^ARAP /);
  });

  it('uploads /action report into the asker’s direct chat and says so ephemerally', async () => {
    const { id } = await slash(JANE, 'report csv');
    const reply = await responseText(id);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('in your direct messages with Actionbot');
    const completed = await eventually(
      () => fake.callsOf('files.completeUploadExternal').at(-1),
      'the upload',
    );
    expect(completed.args.channel_id).toBe('D0JANE');
    const [file] = JSON.parse(String(completed.args.files)) as { id: string }[];
    // The upload is multipart: the file is the part's body, after its headers.
    const multipart = fake.uploads.get(file?.id ?? '') ?? '';
    const content = multipart.slice(multipart.indexOf('\r\n\r\n') + 4, multipart.lastIndexOf('\r\n--'));
    expect(content.split('\n')[0]).toMatch(/^\W?\w*.*ref/i);
    expect(content).toContain('Review recruitment data by ethnicity');
  });

  it('uploads a Word report as a binary file that reads back with every action', async () => {
    const { id } = await slash(JANE, 'report since 01/10/2026 docx');
    expect((await responseText(id)).text).toContain('.docx in your direct messages with Actionbot');
    const completed = await eventually(
      () => fake.callsOf('files.completeUploadExternal').find((c) => String(c.args.files).includes('.docx')),
      'the Word upload',
    );
    const [file] = JSON.parse(String(completed.args.files)) as { id: string; title: string }[];
    expect(file?.title).toBe('arap-report-2026-11-22-since-2026-10-01.docx');
    // The upload is multipart: the file's bytes are the part's body, after its headers.
    const raw = fake.uploadBytes.get(file?.id ?? '') ?? Buffer.alloc(0);
    const start = raw.indexOf('\r\n\r\n') + 4;
    const bytes = raw.subarray(start, raw.lastIndexOf('\r\n--'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    for (const ref of ['1.1', '1.2', '2.4', '2.5']) expect(value).toContain(`\n${ref}\n`);
  });

  it('opens the anonymous feedback form and shows refusals inline, writing nothing', async () => {
    const { trigger } = await slash(BOB, 'feedback 2.4');
    const view = await viewOpenedWith(trigger);
    expect(view.callback_id).toBe('anonymous_feedback');
    expect(JSON.stringify(view.blocks)).toContain('What is not stored: who you are');
    const before = await h.snapshot();
    const res = await interaction({
      type: 'view_submission',
      team: { id: 'T0TEST' },
      user: { id: BOB, name: 'bob' },
      api_app_id: 'A0TEST',
      view: {
        id: 'V0FB',
        type: 'modal',
        callback_id: 'anonymous_feedback',
        state: {
          values: { experience: { value: { type: 'plain_text_input', value: 'It happened again.' } } },
        },
      },
    });
    const answer = await res.json();
    expect(answer).toMatchObject({ response_action: 'errors', errors: { experience: expect.any(String) } });
    expect(await h.snapshot()).toEqual(before);
  });

  it('subscribes the channel it is run in to the weekly digest, for admins', async () => {
    const refused = await slash(JANE, 'digest subscribe', { id: 'C0LEADERS', name: 'leaders' });
    expect((await responseText(refused.id)).text).toContain('Only admins');
    const { id } = await slash(ADMIN, 'digest subscribe', { id: 'C0LEADERS', name: 'leaders' });
    expect((await responseText(id)).text).toContain('#leaders will get the weekly digest');
    expect(await h.store.subscriptions.listSubscriptions()).toEqual([
      { platform: 'slack', channelId: 'C0LEADERS', name: 'leaders' },
    ]);
    const dm = await slash(ADMIN, 'digest subscribe', { id: 'D0ADMIN', name: 'directmessage' });
    expect((await responseText(dm.id)).text).toContain('Run digest subscribe in the Slack channel');
    const off = await slash(ADMIN, 'digest unsubscribe', { id: 'C0LEADERS', name: 'leaders' });
    expect((await responseText(off.id)).text).toContain('will no longer get the weekly digest');
  });

  describe('rejects forged, stale and malformed requests, writes nothing, and keeps serving', () => {
    const command = new URLSearchParams({
      command: '/action',
      text: 'update 1.1 red forged',
      user_id: ADMIN,
      team_id: 'T0TEST',
      response_url: 'http://127.0.0.1:9/x',
      trigger_id: 't',
    }).toString();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const ahead = Math.floor(Date.now() / 1000) + 6 * 60;
    it.each([
      [
        'a wrong signature',
        command,
        'application/x-www-form-urlencoded',
        { ...signSlackRequest('not-the-secret', command) },
        401,
      ],
      [
        'a stale timestamp',
        command,
        'application/x-www-form-urlencoded',
        signSlackRequest(SECRET, command, old),
        401,
      ],
      [
        'a timestamp 6 minutes in the future, correctly signed',
        command,
        'application/x-www-form-urlencoded',
        signSlackRequest(SECRET, command, ahead),
        401,
      ],
      [
        'a timestamp a year in the future, correctly signed',
        command,
        'application/x-www-form-urlencoded',
        signSlackRequest(SECRET, command, ahead + 365 * 86_400),
        401,
      ],
      ['no signature headers', command, 'application/x-www-form-urlencoded', {}, 401],
      [
        'a body that is not form-encoded or JSON',
        '\u0000\u0001binary',
        'application/octet-stream',
        undefined,
        401,
      ],
      [
        'truncated JSON in payload',
        'payload=%7B%22type%22%3A%22block_act',
        'application/x-www-form-urlencoded',
        undefined,
        400,
      ],
      ['a 1 MB body', `text=${'x'.repeat(1024 * 1024)}`, 'application/x-www-form-urlencoded', undefined, 413],
    ])('%s', async (_what, body, contentType, headers, status) => {
      const before = await h.snapshot();
      const calls = fake.calls.length;
      const res = await post(body, contentType, headers ?? signSlackRequest(SECRET, body));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      if (status !== 401 || headers) expect(res.status).toBe(status);
      expect(await h.snapshot()).toEqual(before);
      expect(fake.calls.length).toBe(calls);
      // A fresh connection: the refused one may have been closed mid-upload.
      expect(await getStatus(`${server.url}/healthz`)).toBe(200);
    });
  });

  it('sends proactive messages to a person’s direct chat and reports rate limits as retryable', async () => {
    const sender = door.sender;
    if (!sender) throw new Error('the Slack front door has no sender');
    const sent = await sender.send(
      { kind: 'person', externalId: JANE },
      createReply({ type: 'paragraph', text: 'Time to update 2.4' }),
    );
    expect(sent.messageId).toMatch(/^\d+\.\d+$/);
    expect(fake.callsOf('conversations.open').at(-1)?.args.users).toBe(JANE);
    expect(fake.callsOf('chat.postMessage').at(-1)?.args).toMatchObject({
      channel: 'D0JANE',
      text: 'Time to update 2.4',
    });

    fake.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '7' } });
    const failure = await sender
      .send({ kind: 'channel', channelId: 'C0LEADERS' }, createReply({ type: 'paragraph', text: 'Digest' }))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SendFailure);
    expect(failure).toMatchObject({ retryable: true, retryAfterMs: 7000 });
  });

  it('never writes the bot token or the signing secret to the logs', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
  });
});

function getStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}
