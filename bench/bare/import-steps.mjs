// Where the built Actionbot's memory goes, step by step in one process (`node --expose-gc`, after
// `npm run build`): what each group of modules adds to the resident set and to V8's live heap when it
// is loaded (and, for the database, opened) in the order start-up loads them. Prints a JSON line a step.
// STEPS=floor takes the floor's steps (Bolt, then botbuilder and the Prisma package) instead.
import fs from 'node:fs';

const rssMb = () => Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
const settle = async () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 1500));
};
let last = { rss: 0, heap: 0, external: 0 };
const step = async (name, run) => {
  await run();
  await settle();
  const { heapUsed, external } = process.memoryUsage();
  const now = { rss: rssMb(), heap: heapUsed / 2 ** 20, external: external / 2 ** 20 };
  const d = (k) => +(now[k] - last[k]).toFixed(1);
  process.stdout.write(
    `${JSON.stringify({ step: name, rss: +now.rss.toFixed(1), addsRss: d('rss'), addsHeap: d('heap'), addsExternal: d('external') })}\n`,
  );
  last = now;
};
const dist = (p) => new URL(`../../dist/${p}`, import.meta.url).href;
const slack = {
  botToken: 'xoxb-steps',
  signingSecret: 'steps-signing-secret',
  appToken: undefined,
  apiUrl: process.env.SLACK_API_URL,
};

await step('node, nothing imported', async () => {});
const { App, HTTPReceiver } = await import('@slack/bolt');
await step('@slack/bolt imported, an App with one command listening', async () => {
  const receiver = new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: '/slack/events' });
  const app = new App({ token: slack.botToken, receiver, clientOptions: { slackApiUrl: slack.apiUrl } });
  app.command('/action', async ({ ack }) => ack());
  await app.start(0);
});
if (process.env.STEPS === 'floor') {
  await step('botbuilder imported', () => import('botbuilder'));
  await step('@prisma/client imported (the package, as the floor does)', () => import('@prisma/client'));
} else {
  const { loadConfig } = await import(dist('config.js'));
  const config = loadConfig();
  let db;
  await step('our Prisma client, pg and driver adapter imported', () => import(dist('db/database.js')));
  let driver;
  await step('pg pool open, migrations checked (no Prisma yet)', async () => {
    const { openDriver } = await import(dist('db/adapter.js'));
    const { applyMigrations } = await import(dist('db/migrate.js'));
    driver = await openDriver(config.database);
    await driver.withSession((session) => applyMigrations(session));
  });
  await step(
    'PrismaClient made, first queries: the query compiler (WebAssembly) compiled and run',
    async () => {
      const { PrismaClient } = await import(dist('generated/prisma/client.js'));
      const prisma = new PrismaClient({ adapter: driver.adapter });
      await prisma.$queryRaw`SELECT 1`;
      await prisma.action.findMany({ take: 1, include: { theme: true } });
      db = {
        prisma,
        close: async () => {
          await prisma.$disconnect();
          await driver.close();
        },
      };
    },
  );
  let store;
  await step('repositories (create-store)', async () => {
    const { createStore } = await import(dist('db/create-store.js'));
    store = createStore(db.prisma, { feedbackSecret: 'x'.repeat(32) });
  });
  await step('the command pipeline and every verb (zod schemas)', () => import(dist('commands/handle.js')));
  await step('demo plan check, plan file reader, Word report port', async () => {
    const { loadDemoPlanIfEmpty } = await import(dist('import/load-demo-plan.js'));
    await loadDemoPlanIfEmpty(store);
    await import(dist('import/read-upload.js'));
    await import(dist('reports/render-docx.js'));
  });
  await step('the Slack front door (listeners, Block Kit renderers, sender)', async () => {
    const { createSlackFrontDoor } = await import(dist('bot/slack/slack-front-door.js'));
    createSlackFrontDoor(slack, {
      store,
      clock: { now: () => new Date() },
      admins: [],
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
  });
  await step('serving: HTTP server, scheduler (node-cron), shutdown', async () => {
    await import(dist('serve.js'));
    await import(dist('jobs/scheduler.js'));
  });
  await db.close();
}
process.exit(0);
