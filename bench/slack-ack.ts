import { Worker } from 'node:worker_threads';
import { App, HTTPReceiver } from '@slack/bolt';
import { type RunningHttpServer, startHttpServer } from '../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../src/bot/slack/slack-front-door.ts';
import { createStore } from '../src/db/create-store.ts';
import { openDatabase } from '../src/db/database.ts';
import { loadDemoPlanIfEmpty } from '../src/import/load-demo-plan.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack.ts';
import { createServerDatabase, dropServerDatabase, embeddedTarget } from '../test/support/test-database.ts';
import type { LoadJob } from './load-worker.ts';
import { fmt, type Percentiles, percentiles } from './stats.ts';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench-token';
const TOTAL = 2_000;
const CONCURRENCY = 50;
const WARMUP = 200;
const ROUNDS = 3;
const REFS = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '4.1', '4.2'];

/**
 * Ack latency of signed `/action update <ref> green <note>` requests: Actionbot's Slack front door
 * against a bare Bolt app that only acks, same server, same client, same run.
 */
export async function benchSlackAck(): Promise<string> {
  const fake = await startFakeSlack();
  const quiet = createLogger('error', () => {});
  const servers: { name: string; url: string; id: string; close(): Promise<void> }[] = [];
  const results = new Map<string, Percentiles[]>();
  try {
    const bare = await startBareBolt(quiet, fake.apiUrl);
    servers.push({ name: 'bare Bolt app (ack only)', url: bare.url, id: 'bare', close: bare.close });
    for (const engine of ['postgres', 'pglite'] as const)
      servers.push(await startActionbot(engine, fake, quiet));
    // Rounds alternate the servers so that drift in the machine's load hits all of them alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of servers) {
        const measured = await measure(server.url, fake.responseUrl(server.id));
        results.set(server.name, [...(results.get(server.name) ?? []), measured]);
        // The next server starts measuring only when this one's work after the acks is done.
        await waitForReplies(fake.responses, server.id, (round + 1) * (TOTAL + WARMUP));
      }
    }
  } finally {
    for (const server of servers) await server.close();
    await fake.close();
  }
  const rows = [...results].map(([name, runs]) => [name, medianOf(runs)] as const);
  const [, base] = rows[0] as readonly [string, Percentiles];
  return [
    `### Slack ack latency: ${TOTAL} signed /action update requests, ${CONCURRENCY} concurrent clients`,
    '',
    `Median of ${ROUNDS} alternating rounds (each after ${WARMUP} warm-up requests); load generated in a worker thread.`,
    '',
    '| server | p50 ms | p95 ms | p99 ms | max ms | p99 ratio to bare Bolt |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ([name, p]) =>
        `| ${name} | ${fmt(p.p50)} | ${fmt(p.p95)} | ${fmt(p.p99)} | ${fmt(p.max)} | ${(p.p99 / base.p99).toFixed(2)}x |`,
    ),
  ].join('\n');
}

async function startActionbot(engine: 'postgres' | 'pglite', fake: FakeSlack, logger: Logger) {
  const target = engine === 'postgres' ? await createServerDatabase() : embeddedTarget('memory://');
  const db = await openDatabase(target);
  const store = createStore(db.prisma, { feedbackSecret: undefined });
  await loadDemoPlanIfEmpty(store);
  const door = createSlackFrontDoor(
    { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
    {
      store,
      clock: { now: () => new Date() },
      admins: [{ platform: 'slack', externalId: 'U0BENCH' }],
      logger,
    },
  );
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: door.routes,
    isReady: db.isReady,
    logger,
  });
  return {
    name: `Actionbot on ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}`,
    url: server.url,
    id: engine,
    close: async () => {
      await server.close();
      await db.close();
      if (target.kind === 'postgres') await dropServerDatabase(target.url);
    },
  };
}

function medianOf(runs: Percentiles[]): Percentiles {
  const median = (key: keyof Percentiles) => {
    const values = runs.map((r) => r[key]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? Number.NaN;
  };
  return { p50: median('p50'), p95: median('p95'), p99: median('p99'), max: median('max') };
}

async function measure(baseUrl: string, responseUrl: string): Promise<Percentiles> {
  const job: LoadJob = {
    url: `${baseUrl}/slack/events`,
    secret: SECRET,
    responseUrl,
    refs: REFS,
    warmup: WARMUP,
    total: TOTAL,
    concurrency: CONCURRENCY,
  };
  const worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), { workerData: job });
  const latencies = await new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return percentiles(latencies);
}

async function startBareBolt(logger: Logger, slackApiUrl: string): Promise<RunningHttpServer> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
  const app = new App({ token: TOKEN, receiver, clientOptions: { slackApiUrl } });
  app.command('/action', async ({ ack }) => {
    await ack();
  });
  return startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [{ method: 'POST', path: '/slack/events', handle: receiver.requestListener }],
    isReady: async () => true,
    logger,
  });
}

async function waitForReplies(responses: Map<string, unknown[]>, id: string, count: number): Promise<void> {
  const until = Date.now() + 120_000;
  while ((responses.get(id)?.length ?? 0) < count && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
}
