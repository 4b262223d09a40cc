import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { createLogger } from '../../src/logger.ts';
import {
  type CardJson,
  cardText,
  type FakeConnector,
  findInput,
  startFakeConnector,
} from '../support/fake-connector.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { checkTaskModuleAnswer } from '../support/teams-limits.ts';
import { ENGINES } from '../support/test-database.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const TEAM = '19:team-network@thread.tacv2';
const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: 'aad-ada' };
const NIA = { id: '29:nia', name: 'Nia Okafor', aadObjectId: 'aad-nia' };
const MEMBERS = [ADA, NIA, { id: '29:m3', name: 'Member Three', aadObjectId: 'aad-m3' }];
const CHANNEL = { id: '19:network@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: TENANT };

type User = typeof ADA;
type Conversation = { id: string; conversationType: string; tenantId: string };
type Button = { type: string; title: string; data: Record<string, unknown>; associatedInputs?: string };
type Answer = { task: { type: 'continue' | 'message'; value: { card: { content: CardJson } } | string } };

const personal = (user: User): Conversation => ({
  id: `a:personal-${user.aadObjectId}`,
  conversationType: 'personal',
  tenantId: TENANT,
});

describe.each(ENGINES)('the Teams feedback dialog (task/fetch, task/submit) over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  const logLines: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    for (const user of MEMBERS) fake.members.set(user.id, user);
    fake.teams.add(TEAM);
    const logger = createLogger('debug', (line) => logLines.push(line));
    const admins = [{ platform: 'teams' as const, externalId: ADA.aadObjectId }];
    door = createTeamsFrontDoor({ mode: 'emulator' }, { store: h.store, clock: h.clock, admins, logger });
    server = await serveFrontDoor(door, h.db.isReady, logger);
    await message(ADA, personal(ADA), { text: 'network create "Staff Network"' });
    const linked = await message(ADA, CHANNEL, {
      text: '<at>Actionbot</at> network link "Staff Network"',
      entities: [{ type: 'mention', mentioned: BOT, text: '<at>Actionbot</at>' }],
    });
    expect(linked[0]?.activity.text).toContain('is linked');
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  function activity(user: User, conversation: Conversation, extra: Record<string, unknown>) {
    return {
      id: `in-${++seq}`,
      serviceUrl: fake.url,
      channelId: 'msteams',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: BOT,
      conversation,
      channelData: { tenant: { id: TENANT }, ...(conversation === CHANNEL ? { team: { id: TEAM } } : {}) },
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

  async function message(user: User, conversation: Conversation, extra: Record<string, unknown>) {
    const before = fake.sent.length;
    expect((await post(activity(user, conversation, { type: 'message', ...extra }))).status).toBe(200);
    return fake.sent.slice(before);
  }

  /** A dialog invoke as Teams sends it (`value`: the button's or the dialog card's data, and the context); its answer checked. */
  async function invoke(
    name: 'task/fetch' | 'task/submit',
    user: User,
    conversation: Conversation,
    data: unknown,
  ) {
    const before = fake.sent.length;
    const { status, body } = await post(
      activity(user, conversation, { type: 'invoke', name, value: { data, context: { theme: 'default' } } }),
    );
    expect(checkTaskModuleAnswer(name, status, body)).toEqual([]);
    expect(fake.sent.length, 'a dialog posts nothing in the chat').toBe(before);
    return body as Answer;
  }

  const buttonsOf = (card: CardJson | undefined): Button[] => {
    const found: Button[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if ((v as Button).type === 'Action.Submit') found.push(v as Button);
        Object.values(v).forEach(walk);
      }
    };
    walk(card);
    return found;
  };
  const dialogButton = (card: CardJson | undefined) =>
    buttonsOf(card).find((b) => (b.data.msteams as { type?: string } | undefined)?.type === 'task/fetch');
  const dialogCard = (answer: Answer) => {
    expect(answer.task.type).toBe('continue');
    return (answer.task.value as { card: { content: CardJson } }).card.content;
  };
  const submitData = (card: CardJson) =>
    buttonsOf(card).find((b) => b.title === 'Send anonymously')?.data ?? {};
  const counts = async () => ({
    people: await h.db.prisma.person.count(),
    references: await h.db.prisma.conversationReference.count(),
  });

  it('opens the form in a dialog from help, the refusal of typed feedback and the form card', async () => {
    const help = await message(NIA, personal(NIA), { text: 'help' });
    const fromHelp = dialogButton(
      help.find((s) => s.activity.attachments)?.activity.attachments?.[0]?.content,
    );
    expect(fromHelp).toMatchObject({ title: 'Share an experience anonymously', associatedInputs: 'none' });

    const refused = await message(NIA, personal(NIA), { text: 'feedback 1.1 -- Typed into the chat.' });
    expect(refused[0]?.activity.text).toContain('Not sent: Teams keeps messages you type');
    const fromRefusal = dialogButton(refused[1]?.activity.attachments?.[0]?.content);
    expect(fromRefusal?.data).toMatchObject({ actionbot: 'feedback-dialog', tags: 'ARAP:1.1' });

    // The button's data is what Teams hands back as the task/fetch's value.data.
    const answer = await invoke('task/fetch', NIA, personal(NIA), fromRefusal?.data);
    const card = dialogCard(answer);
    expect((answer.task.value as { title?: string }).title).toBe('Anonymous feedback');
    expect(findInput(card, 'experience')).toMatchObject({ isRequired: true });
    expect(findInput(card, 'tags')?.value).toBe('ARAP:1.1'); // the refs typed stay chosen
    expect(dialogButton(card), 'no dialog inside the dialog').toBeUndefined();
    expect(submitData(card)).toEqual({ actionbot: 'feedback' });
    expect(await h.db.prisma.feedback.count()).toBe(0);
  });

  it('sends the dialog anonymously: the receipt in the dialog, nothing in the chat, nothing of the person kept', async () => {
    const card = dialogCard(
      await invoke('task/fetch', NIA, personal(NIA), { actionbot: 'feedback-dialog', tags: '' }),
    );
    const before = await counts();
    const sealedBefore = await h.db.prisma.sealedFeedbackDay.findMany();
    const logsBefore = logLines.length;
    const answer = await invoke('task/submit', NIA, personal(NIA), {
      ...submitData(card),
      experience: 'My ideas zqxdialog are credited to others.',
      tags: 'ARAP:1.2',
      refs: '',
      asIs: '',
    });
    expect(answer.task.type).toBe('message');
    expect(answer.task.value).toMatch(/Sent anonymously to Staff Network as [A-Z0-9]{6}, tagged ARAP:1.2/);
    expect(answer.task.value).toMatch(/Your receipt: [A-Z0-9-]{23}/);
    expect(await counts()).toEqual(before);
    expect(await h.db.prisma.sealedFeedbackDay.findMany()).not.toEqual(sealedBefore);
    const logs = logLines.slice(logsBefore).join('\n').toLowerCase();
    for (const trace of ['zqxdialog', NIA.id, NIA.aadObjectId, 'okafor']) expect(logs).not.toContain(trace);
    // Its receipt reads it back: stored, and tagged.
    const receipt = /Your receipt: ([A-Z0-9-]{23})/.exec(String(answer.task.value))?.[1];
    const checked = await message(NIA, personal(NIA), { text: `feedback check ${receipt}` });
    expect(JSON.stringify(checked.map((s) => s.activity))).toContain('ARAP:1.2');
    expect(JSON.stringify(checked.map((s) => s.activity))).not.toContain('No submission has that receipt');
  });

  it('shows a refusal in the dialog with what was written, and stores nothing', async () => {
    const card = dialogCard(
      await invoke('task/fetch', NIA, personal(NIA), { actionbot: 'feedback-dialog', tags: '' }),
    );
    const sealed = await h.db.prisma.sealedFeedbackDay.findMany();
    const written = 'Email me at nia.okafor@example.org about the rota.';
    const answer = await invoke('task/submit', NIA, personal(NIA), {
      ...submitData(card),
      experience: written,
      tags: 'ARAP:1.2',
      refs: 'ARAP:1.1',
      asIs: '',
    });
    const again = dialogCard(answer);
    expect(cardText(again)).toContain('This could identify someone');
    expect(findInput(again, 'experience')?.value).toBe(written);
    expect(findInput(again, 'tags')?.value).toBe('ARAP:1.2');
    expect(findInput(again, 'refs')?.value).toBe('ARAP:1.1');
    expect(await h.db.prisma.sealedFeedbackDay.findMany()).toEqual(sealed);
  });

  it('works from a channel too: the dialog is private, so the text is not refused as seen by everyone', async () => {
    const help = await message(NIA, CHANNEL, {
      text: '<at>Actionbot</at> help',
      entities: [{ type: 'mention', mentioned: BOT, text: '<at>Actionbot</at>' }],
    });
    const button = dialogButton(help.find((s) => s.activity.attachments)?.activity.attachments?.[0]?.content);
    const card = dialogCard(await invoke('task/fetch', NIA, CHANNEL, button?.data));
    const answer = await invoke('task/submit', NIA, CHANNEL, {
      ...submitData(card),
      experience: 'Nobody asks me to the planning meetings.',
    });
    expect(answer.task.value).toMatch(/Sent anonymously to Staff Network/);
  });

  it('answers buttons and forms it does not know with a message, and outsiders with the membership refusal', async () => {
    const stale = await invoke('task/fetch', NIA, personal(NIA), { actionbot: 'something-else' });
    expect(stale.task).toEqual({
      type: 'message',
      value: 'This button is out of date: type feedback for a new form.',
    });
    const sneaky = await invoke('task/fetch', NIA, personal(NIA), {
      actionbot: 'feedback-dialog',
      tags: '1.1 -- sent without the form',
    });
    expect(sneaky.task.type).toBe('message');
    const badSubmit = await invoke('task/submit', NIA, personal(NIA), { experience: 'no key' });
    expect(badSubmit.task.type).toBe('message');
    const outsider = { id: '29:out', name: 'Out Sider', aadObjectId: 'aad-out' };
    const card = dialogCard(
      await invoke('task/fetch', outsider, personal(outsider), { actionbot: 'feedback-dialog' }),
    );
    const refused = await invoke('task/submit', outsider, personal(outsider), {
      ...submitData(card),
      experience: 'It happens here too.',
    });
    expect(cardText(dialogCard(refused))).toContain('Only members of a staff network');
  });
});
