import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { createLogger } from '../../src/logger.ts';
import { createReportDocuments } from '../../src/reports/render-docx.ts';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { ENGINES } from '../support/test-database.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: 'aad-ada' };
const PERSONAL = { id: 'a:personal-aad-ada', conversationType: 'personal', tenantId: TENANT };

type Consent = {
  contentType: string;
  name: string;
  content: { sizeInBytes: number; acceptContext: unknown; declineContext: unknown; description: string };
};

describe.each(ENGINES)('report files in a Teams personal chat over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    fake.members.set(ADA.id, ADA);
    const logger = createLogger('error', () => {});
    door = createTeamsFrontDoor(
      { mode: 'emulator' },
      { store: h.store, clock: h.clock, admins: [], logger, documents: createReportDocuments() },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  async function post(extra: Record<string, unknown>) {
    const before = fake.sent.length;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `in-${++seq}`,
        serviceUrl: fake.url,
        channelId: 'msteams',
        from: ADA,
        recipient: BOT,
        conversation: PERSONAL,
        channelData: { tenant: { id: TENANT } },
        ...extra,
      }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, sent: fake.sent.slice(before) };
  }

  const askForReport = async (format = 'csv') => {
    const asked = await post({ type: 'message', text: `report ${format}` });
    expect(asked.sent).toHaveLength(1);
    return asked.sent[0]?.activity as unknown as { text: string; attachments: Consent[] };
  };
  const answer = (consent: Consent, action: 'accept' | 'decline', uploadId = 'f1') =>
    post({
      type: 'invoke',
      name: 'fileConsent/invoke',
      value: {
        type: 'fileUpload',
        action,
        context: action === 'accept' ? consent.content.acceptContext : consent.content.declineContext,
        ...(action === 'accept'
          ? {
              uploadInfo: {
                contentUrl: `https://contoso.sharepoint.example/personal/ada/Documents/Applications/${consent.name}`,
                name: consent.name,
                uploadUrl: `${fake.url}/upload/${uploadId}`,
                uniqueId: `unique-${uploadId}`,
                fileType: 'csv',
              },
            }
          : {}),
      },
    });

  it('offers the report with a file consent card, uploads it on accept and shows it with a file info card', async () => {
    const message = await askForReport();
    const consent = message.attachments[0] as Consent;
    expect(consent.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(consent.name).toMatch(/\.csv$/);
    expect(message.text).toContain('ARAP');
    const accepted = await answer(consent, 'accept', 'f1');
    expect(accepted.status).toBe(200);
    const uploaded = fake.uploads.get('f1');
    expect(uploaded?.length).toBe(consent.content.sizeInBytes);
    expect(uploaded?.toString('utf8')).toContain('Theme,Ref,Action,Owners,Due');
    expect(uploaded?.toString('utf8')).toContain('2.4');
    expect(accepted.sent.map((s) => s.activity.attachments?.[0])).toEqual([
      {
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        contentUrl: expect.stringContaining(consent.name),
        name: consent.name,
        content: { uniqueId: 'unique-f1', fileType: 'csv' },
      },
    ]);
  });

  it('uploads a Word report as the document itself, every action in it', async () => {
    const consent = (await askForReport('docx')).attachments[0] as Consent;
    expect(consent.name).toMatch(/\.docx$/);
    const accepted = await answer(consent, 'accept', 'w1');
    expect(accepted.status).toBe(200);
    const uploaded = fake.uploads.get('w1');
    // Made again on accept: the same document, give or take the few bytes of its creation time.
    expect(Math.abs((uploaded?.length ?? 0) - consent.content.sizeInBytes)).toBeLessThan(64);
    expect(uploaded?.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, not base64 text
    const mammoth = await import('mammoth');
    const { value } = await mammoth.extractRawText({ buffer: uploaded as Buffer });
    for (const ref of ['1.1', '2.4']) expect(value).toContain(ref);
  });

  it('answers a decline with one line and uploads nothing', async () => {
    const consent = (await askForReport()).attachments[0] as Consent;
    const declined = await answer(consent, 'decline');
    expect(declined.status).toBe(200);
    expect(declined.sent.map((s) => s.activity.text)).toEqual([
      'No file sent. Type report again whenever you want it.',
    ]);
    expect(fake.uploads.has('f2')).toBe(false);
  });

  it('runs nothing for a consent answer that is not ours', async () => {
    const before = await h.snapshot();
    const forged = await post({
      type: 'invoke',
      name: 'fileConsent/invoke',
      value: {
        type: 'fileUpload',
        action: 'accept',
        context: { actionbot: 'file', command: 'update 2.4 red x' },
      },
    });
    expect(forged.status).toBe(200);
    expect(forged.sent).toEqual([]);
    expect(await h.snapshot()).toEqual(before);
  });
});
