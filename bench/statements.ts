import { type RunningHttpServer, startHttpServer } from '../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../src/bot/slack/slack-front-door.ts';
import { dispatch } from '../src/commands/dispatch.ts';
import { createStore } from '../src/db/create-store.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import type { Store } from '../src/domain/ports.ts';
import { createLogger } from '../src/logger.ts';
import { eventually, type FakeSlack, signSlackRequest, startFakeSlack } from '../test/support/fake-slack.ts';
import { FIXED_NOW, FIXTURE_PLAN } from '../test/support/fixture-plan.ts';
import { slashCommand } from '../test/support/slack-payloads.ts';
import {
  createServerDatabase,
  dropServerDatabase,
  getProxiedUrl,
  TEST_FEEDBACK_SECRET,
} from '../test/support/test-database.ts';
import { startWireCounter, type WireCounter } from '../test/support/wire-counter.ts';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';
const ROUNDS = 5;
const ADMIN = { platform: 'slack' as const, externalId: 'U0ADMIN', displayName: 'Ada Admin' };
const OWNER = { platform: 'slack' as const, externalId: 'U0JANE', displayName: 'Jane Doe' };
const ADMINS = [{ platform: 'slack' as const, externalId: ADMIN.externalId }];
// After the quiet settles: anything a command sends after its answer is counted too.
const SETTLE_MS = 100;

type Case = { name: string; run(round: number): Promise<void> };

/**
 * SQL statements per command on the PostgreSQL wire (test/support/wire-counter.ts: every simple
 * query and every extended-protocol execute, transaction statements included), typed through
 * `dispatch` and end to end through the Slack front door (signed slash command to response_url).
 */
export async function benchStatements(): Promise<string> {
  const target = await createServerDatabase();
  const counter = await startWireCounter();
  const db = await openDatabase({ kind: 'postgres', url: getProxiedUrl(target.url, counter.port) });
  const fake = await startFakeSlack();
  let server: RunningHttpServer | undefined;
  try {
    const store = createStore(db.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET });
    await prepare(store);
    server = await serveSlack(store, db, fake);
    const rows: string[] = [];
    for (const c of [...typedCases(store), ...slackCases(server.url, fake)]) {
      const counts: number[] = [];
      for (let round = 0; round < ROUNDS; round++) counts.push(await count(counter, () => c.run(round)));
      const low = Math.min(...counts);
      const high = Math.max(...counts);
      rows.push(`| ${c.name} | ${low === high ? low : `${low}–${high}`} |`);
    }
    return [
      '### SQL statements per command on PostgreSQL',
      '',
      `Counted on the wire by a proxy; the fixture plan, people already known; ${ROUNDS} runs each (a range when they differ).`,
      '',
      '| command | statements |',
      '| --- | ---: |',
      ...rows,
    ].join('\n');
  } finally {
    await server?.close();
    await fake.close();
    await db.close();
    await counter.close();
    await dropServerDatabase(target.url);
  }
}

async function prepare(store: Store): Promise<void> {
  await store.plans.importPlan(FIXTURE_PLAN, null);
  await dispatch({ text: 'list', actor: ADMIN }, deps(store)); // the people are known from here on
  const person = await store.people.ensurePerson(OWNER);
  await store.people.changeRoleHolders({
    roleName: 'Head of People Services',
    personIds: [person.id],
    mode: 'add',
    actorId: person.id,
  });
}

function deps(store: Store) {
  return { store, clock: { now: () => FIXED_NOW }, admins: ADMINS };
}

async function count(counter: WireCounter, run: () => Promise<void>): Promise<number> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  counter.reset();
  await run();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return counter.statements;
}

function typedCases(store: Store): Case[] {
  const typed = (text: string, actor: typeof ADMIN) => async () => {
    await dispatch({ text, actor }, deps(store));
  };
  return [
    {
      name: 'typed `update 2.4 green <note>` by an admin',
      run: (i) => typed(`update 2.4 green Admin note ${i}`, ADMIN)(),
    },
    {
      name: 'typed `update 2.4 amber <note>` by its owner',
      run: (i) => typed(`update 2.4 amber Owner note ${i}`, OWNER)(),
    },
    { name: 'typed `show 2.4`', run: typed('show 2.4', ADMIN) },
    { name: 'typed `mine` by an owner', run: typed('mine', OWNER) },
  ];
}

function slackCases(url: string, fake: FakeSlack): Case[] {
  let seq = 0;
  const slash = (user: string, text: string) => async () => {
    const id = `s${++seq}`;
    const body = new URLSearchParams(slashCommand(user, text, id, fake.responseUrl(id))).toString();
    const res = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
    if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
    await eventually(() => fake.responses.get(id)?.length, `a reply at response_url ${id}`);
  };
  return [
    {
      name: 'Slack `/action update 2.4 green <note>` by an admin, ack to response_url',
      run: (i) => slash(ADMIN.externalId, `update 2.4 green Slack note ${i}`)(),
    },
    { name: 'Slack `/action show 2.4`, ack to response_url', run: slash(ADMIN.externalId, 'show 2.4') },
  ];
}

async function serveSlack(store: Store, db: Database, fake: FakeSlack): Promise<RunningHttpServer> {
  fake.users.set(ADMIN.externalId, { id: ADMIN.externalId, name: 'ada', real_name: ADMIN.displayName });
  const logger = createLogger('error', () => {});
  const door = createSlackFrontDoor(
    { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
    { store, clock: { now: () => FIXED_NOW }, admins: ADMINS, logger },
  );
  return startHttpServer({ port: 0, host: '127.0.0.1', routes: door.routes, isReady: db.isReady, logger });
}
