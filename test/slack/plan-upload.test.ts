import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createPlanFileReader } from '../../src/import/read-upload.ts';
import { createLogger } from '../../src/logger.ts';
import { eventually, type FakeSlack, signSlackRequest, startFakeSlack } from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { buttonClick, slashCommand } from '../support/slack-payloads.ts';
import { dumpTables } from '../support/table-dump.ts';
import { ENGINES } from '../support/test-database.ts';
import { writeUploadWorkbook } from '../support/upload-fixtures.ts';

const SECRET = 'test-signing-secret-upl0ad';
const TOKEN = 'xoxb-333-444-uploadtokenvalue';
const ADMIN = 'U0ADMIN';
const JANE = 'U0JANE';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Posted = {
  text?: string;
  blocks?: { type: string; elements?: { action_id?: string; value?: string }[] }[];
};

describe.each(ENGINES)('Slack: a plan file uploaded in the app DM on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack(undefined, { botToken: TOKEN });
    fake.users.set(ADMIN, { id: ADMIN, name: 'ada', real_name: 'Ada Admin', tz: 'Europe/London' });
    fake.users.set(JANE, { id: JANE, name: 'jane', real_name: 'Jane Doe', tz: 'Europe/London' });
    const logger = createLogger('error', () => {});
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      {
        store: h.store,
        clock: h.clock,
        admins: [{ platform: 'slack', externalId: ADMIN }],
        logger,
        planReader: createPlanFileReader(),
      },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    // Both have used the bot before: the pipeline knows them, so a preview has nothing to record.
    for (const user of [ADMIN, JANE]) await answerAt(await slash(user, 'plans'));
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  const post = (body: string, contentType: string) =>
    fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signSlackRequest(SECRET, body) },
      body,
    });

  async function slash(user: string, text: string) {
    const id = `s${++seq}`;
    await post(
      new URLSearchParams(
        slashCommand(user, text, id, fake.responseUrl(id), { id: 'C0GEN', name: 'gen' }),
      ).toString(),
      'application/x-www-form-urlencoded',
    );
    return id;
  }
  const answerAt = (id: string) =>
    eventually(() => fake.responses.get(id)?.[0] as Posted | undefined, `an answer at ${id}`);

  /** A message in the user's DM with the app, as the Events API delivers it; resolves to the bot's next DM posts. */
  async function dm(user: string, fields: { text?: string; files?: { id: string; name: string }[] }) {
    const channel = `D${user.slice(1)}`;
    const before = fake.history.get(channel)?.length ?? 0;
    const event = {
      type: 'message',
      ...(fields.files ? { subtype: 'file_share', files: fields.files } : {}),
      channel,
      channel_type: 'im',
      user,
      text: fields.text ?? '',
      ts: `${1_700_000_100 + ++seq}.000200`,
    };
    const body = JSON.stringify({
      token: 'legacy',
      team_id: 'T0TEST',
      api_app_id: 'A0TEST',
      type: 'event_callback',
      event_id: `Ev${seq}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    expect((await post(body, 'application/json')).status).toBe(200);
    return eventually(() => {
      const after = fake.history.get(channel) ?? [];
      return after.length > before ? (after.slice(before) as Posted[]) : undefined;
    }, `the bot's answer in ${channel}`);
  }

  const allText = (posts: Posted[]) => posts.map((p) => JSON.stringify(p.blocks ?? p.text)).join('\n');
  const importButton = (posts: Posted[]) =>
    posts
      .flatMap((p) => p.blocks ?? [])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'run_command');

  async function press(user: string, value: string) {
    const id = `b${++seq}`;
    const payload = buttonClick(user, 'run_command', value, id, fake.responseUrl(id));
    await post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
    return answerAt(id);
  }

  it('previews an admin upload as the dry run does, writing nothing, then imports it on Import, once', async () => {
    fake.files.set('F0PLAN', {
      id: 'F0PLAN',
      name: 'Workforce Equality Plan.xlsx',
      mimetype: XLSX,
      bytes: await writeUploadWorkbook(),
    });
    const before = await dumpTables(h.db.prisma);
    const posts = await dm(ADMIN, { files: [{ id: 'F0PLAN', name: 'Workforce Equality Plan.xlsx' }] });
    const shown = allText(posts);
    expect(shown).toContain('Preview: Workforce Equality Plan.xlsx as plan WEP');
    expect(shown).toContain('Nothing is written until you press Import');
    expect(shown).toContain('1  Leadership and governance');
    expect(shown).toContain(
      '1.1  Name a board sponsor for race equality  [Chief Executive; Chair of the Board | due March 2026]',
    );
    expect(shown).toContain('owner label \\"SRO:\\" with nothing after');
    expect(shown).toContain('plan code WEP made from the file name');
    const button = importButton(posts);
    expect(button?.value).toMatch(/^import F0PLAN as WEP confirm [0-9a-f]{64}$/);
    // files.info, then the private download with the bot token: nothing else was asked for.
    expect(fake.callsOf('files.info').map((c) => c.args.file)).toEqual(['F0PLAN']);
    expect(fake.downloads).toEqual([{ id: 'F0PLAN', token: TOKEN }]);
    expect(await dumpTables(h.db.prisma)).toEqual(before);

    const imported = await press(ADMIN, button?.value ?? '');
    expect(imported.text).toContain(
      'Imported Workforce Equality Plan.xlsx: created plan WEP, 2 themes, 3 actions added',
    );
    const actions = await h.db.prisma.action.findMany({
      where: { plan: { code: 'WEP' } },
      orderBy: { ref: 'asc' },
    });
    expect(actions.map((a) => [a.ref, a.title])).toEqual([
      ['1.1', 'Name a board sponsor for race equality'],
      ['1.2', 'Publish the ethnicity pay gap every year'],
      ['2.1', 'Anonymise shortlisting for every post'],
    ]);
    const afterImport = await dumpTables(h.db.prisma);
    const again = await press(ADMIN, button?.value ?? '');
    expect(again.text).toBe('WEP already matches Workforce Equality Plan.xlsx: nothing was imported again.');
    expect(await dumpTables(h.db.prisma)).toEqual(afterImport);
  });

  it('refuses an Import whose file changed since its preview, and writes nothing', async () => {
    fake.files.set('F0EDIT', {
      id: 'F0EDIT',
      name: 'Plan v2.xlsx',
      mimetype: XLSX,
      bytes: await writeUploadWorkbook(),
    });
    const posts = await dm(ADMIN, { text: 'pv', files: [{ id: 'F0EDIT', name: 'Plan v2.xlsx' }] });
    const value = importButton(posts)?.value ?? '';
    expect(value).toMatch(/^import F0EDIT as PV confirm /);
    fake.files.set('F0EDIT', {
      id: 'F0EDIT',
      name: 'Plan v2.xlsx',
      mimetype: XLSX,
      bytes: await writeUploadWorkbook('Publish shortlisting data'),
    });
    const before = await dumpTables(h.db.prisma);
    const answer = await press(ADMIN, value);
    expect(answer.text).toContain('Plan v2.xlsx has changed since its preview: upload it again');
    expect(await dumpTables(h.db.prisma)).toEqual(before);
  });

  it('answers a non-admin, a file that is not a plan, a 60 MB file and plain text in one line each, writing nothing', async () => {
    fake.files.set('F0JANE', {
      id: 'F0JANE',
      name: 'plan.xlsx',
      mimetype: XLSX,
      bytes: await writeUploadWorkbook(),
    });
    fake.files.set('F0PNG', {
      id: 'F0PNG',
      name: 'photo.png',
      mimetype: 'image/png',
      bytes: new Uint8Array([137, 80, 78, 71]),
    });
    fake.files.set('F0BIG', {
      id: 'F0BIG',
      name: 'Huge plan.xlsx',
      mimetype: XLSX,
      bytes: new Uint8Array(10),
      size: 60 * 1024 * 1024,
    });
    const before = await dumpTables(h.db.prisma);
    const line = async (user: string, fields: Parameters<typeof dm>[1]) => {
      const posts = await dm(user, fields);
      expect(posts).toHaveLength(1);
      expect(importButton(posts)).toBeUndefined();
      return String(posts[0]?.text);
    };
    expect(await line(JANE, { files: [{ id: 'F0JANE', name: 'plan.xlsx' }] })).toBe(
      '✗ Only admins can use import.',
    );
    expect(await line(ADMIN, { files: [{ id: 'F0PNG', name: 'photo.png' }] })).toContain(
      'photo.png is not a plan file: send a .docx, .xlsx, .pdf',
    );
    expect(await line(ADMIN, { files: [{ id: 'F0BIG', name: 'Huge plan.xlsx' }] })).toBe(
      '✗ Huge plan.xlsx is 60 MB; plans are read up to 5 MB. Is it the right file?',
    );
    expect(await line(ADMIN, { text: 'hello' })).toContain('Here I read plan files');
    expect(await line(ADMIN, { files: [{ id: 'F0GONE', name: 'gone.xlsx' }] })).toContain(
      'I cannot see that file in Slack',
    );
    // The 60 MB file was refused from files.info's size: never downloaded.
    expect(fake.downloads.map((d) => d.id)).not.toContain('F0BIG');
    expect(await dumpTables(h.db.prisma)).toEqual(before);
  });
});
