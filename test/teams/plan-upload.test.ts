import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { FILE_DOWNLOAD_INFO } from '../../src/bot/teams/teams-files.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { createPlanFileReader } from '../../src/import/read-upload.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeConnector, type SentActivity, startFakeConnector } from '../support/fake-connector.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { dumpTables } from '../support/table-dump.ts';
import { ENGINES } from '../support/test-database.ts';
import { writeUploadWorkbook } from '../support/upload-fixtures.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: 'aad-ada' };
const JANE = { id: '29:jane', name: 'Jane Doe', aadObjectId: 'aad-jane' };
type User = typeof ADA;

describe.each(ENGINES)('Teams: a plan file sent in personal chat on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    for (const user of [ADA, JANE]) fake.members.set(user.id, user);
    const logger = createLogger('error', () => {});
    door = createTeamsFrontDoor(
      { mode: 'emulator' },
      {
        store: h.store,
        clock: h.clock,
        admins: [{ platform: 'teams', externalId: ADA.aadObjectId }],
        logger,
        planReader: createPlanFileReader(),
      },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    // Both have talked to the bot before: known people, with their chat's reference kept.
    for (const user of [ADA, JANE]) await send(user, { text: 'plans' });
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  async function send(user: User, extra: Record<string, unknown>): Promise<SentActivity[]> {
    const before = fake.sent.length;
    const activity = {
      type: 'message',
      id: `in-${++seq}`,
      timestamp: new Date().toISOString(),
      serviceUrl: fake.url,
      channelId: 'msteams',
      from: user,
      recipient: BOT,
      conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    return fake.sent.slice(before);
  }

  /** A file sent in the chat, as Teams delivers it: a file.download.info attachment with its downloadUrl. */
  const sendFile = (user: User, name: string, bytes: Uint8Array, text = '') =>
    send(user, {
      text,
      attachments: [
        {
          contentType: FILE_DOWNLOAD_INFO,
          name,
          contentUrl: `https://contoso.sharepoint.com/personal/${user.aadObjectId}/Documents/${name}`,
          content: { downloadUrl: fake.putFile(name, bytes), uniqueId: `u-${seq}`, fileType: 'xlsx' },
        },
      ],
    });

  const shown = (sent: SentActivity[]) => sent.map((s) => JSON.stringify(s.activity)).join('\n');
  const importData = (sent: SentActivity[]) =>
    sent
      .flatMap((s) => (s.activity.attachments ?? []) as { content?: { actions?: { data?: unknown }[] } }[])
      .flatMap((a) => a.content?.actions ?? [])
      .map((a) => a.data as { actionbot?: string; text?: string } | undefined)
      .find((d) => d?.actionbot === 'command');

  it('previews an admin file as the dry run does, writing nothing, then imports it on Import, once', async () => {
    const before = await dumpTables(h.db.prisma);
    const sent = await sendFile(ADA, 'Workforce Equality Plan.xlsx', await writeUploadWorkbook(), 'wep');
    expect(shown(sent)).toContain('Preview: Workforce Equality Plan.xlsx as plan WEP');
    expect(shown(sent)).toContain(
      '1.1  Name a board sponsor for race equality  [Chief Executive; Chair of the Board | due March 2026]',
    );
    const data = importData(sent);
    expect(data?.text).toMatch(
      /^import http:\/\/127\.0\.0\.1:\d+\/files\/\S+#Workforce%20Equality%20Plan\.xlsx as WEP confirm [0-9a-f]{64}$/,
    );
    // The pre-authorised link is fetched with no credentials of ours.
    expect(fake.fileRequests).toEqual([{ name: 'Workforce Equality Plan.xlsx', authorization: undefined }]);
    expect(await dumpTables(h.db.prisma)).toEqual(before);

    const pressed = await send(ADA, { value: data });
    expect(shown(pressed)).toContain(
      'Imported Workforce Equality Plan.xlsx: created plan WEP, 2 themes, 3 actions added',
    );
    expect(await h.db.prisma.action.count({ where: { plan: { code: 'WEP' } } })).toBe(3);
    const afterImport = (await dumpTables(h.db.prisma)).actions;
    const again = await send(ADA, { value: data });
    expect(shown(again)).toContain(
      'WEP already matches Workforce Equality Plan.xlsx: nothing was imported again.',
    );
    expect((await dumpTables(h.db.prisma)).actions).toEqual(afterImport);
  });

  it('refuses an Import of a file edited since its preview, a non-admin and a file that is not a plan', async () => {
    const preview = await sendFile(ADA, 'Plan v3.xlsx', await writeUploadWorkbook(), 'PV');
    const data = importData(preview);
    fake.putFile('Plan v3.xlsx', await writeUploadWorkbook('Publish shortlisting data'));
    // A press is a command like any typed one: it refreshes the chat's reference, and writes nothing else.
    const withoutReferences = async () => {
      const { conversation_references: _kept, ...rest } = await dumpTables(h.db.prisma);
      return rest;
    };
    const before = await withoutReferences();
    expect(shown(await send(ADA, { value: data }))).toContain('Plan v3.xlsx has changed since its preview');
    expect(await withoutReferences()).toEqual(before);
    const all = await dumpTables(h.db.prisma);
    const jane = await sendFile(JANE, 'mine.xlsx', await writeUploadWorkbook());
    expect(jane).toHaveLength(1);
    expect(jane[0]?.activity.text).toBe('✗ Only admins can use import.');
    const photo = await sendFile(ADA, 'photo.png', new Uint8Array([137, 80, 78, 71]));
    expect(photo[0]?.activity.text).toContain('photo.png is not a plan file');
    // A plan shared as a link to a file already in OneDrive: a contentUrl, no downloadUrl to fetch.
    const fetched = fake.fileRequests.length;
    const linked = await send(ADA, {
      text: '',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.info',
          name: 'Shared Plan.docx',
          contentUrl: `https://contoso.sharepoint.com/personal/${ADA.aadObjectId}/Documents/Shared Plan.docx`,
          content: { uniqueId: 'u-linked', fileType: 'docx' },
        },
      ],
    });
    expect(linked).toHaveLength(1);
    expect(linked[0]?.activity.text).toBe(
      '✗ Shared Plan.docx came as a link to a shared file, which I cannot open: attach the file itself (Attach, then Upload from this device) in our chat.',
    );
    expect(fake.fileRequests).toHaveLength(fetched);
    expect(await dumpTables(h.db.prisma)).toEqual(all);
  });
});
