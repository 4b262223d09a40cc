import { loadBankHolidays } from './bank-holidays.ts';
import { runConsole } from './bot/console/run-console.ts';
import type { FrontDoor, FrontDoorDeps } from './bot/front-door.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createStore } from './db/create-store.ts';
import { openDatabase } from './db/database.ts';
import { resolveFeedbackSecret } from './db/feedback-secret-file.ts';
import { DEFAULT_SCHEDULE } from './domain/schedule.ts';
import { loadDemoPlanIfEmpty } from './import/load-demo-plan.ts';
import { createPlanFileReader } from './import/read-upload.ts';
import { createLogger } from './logger.ts';
import { createReportDocuments } from './reports/render-docx.ts';
import { serveUntilSignalled } from './serve.ts';

/** Starts Actionbot: database first, then the front doors the configuration asks for. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel ?? (config.slack || config.teams ? 'info' : 'warn'));
  // Worked out in a process of its own while the database opens (src/bank-holidays.ts).
  const bankHolidays = loadBankHolidays(config.schedules, systemClock.now());
  bankHolidays.catch(() => undefined); // awaited below; not an unhandled rejection if the database fails first
  const db = await openDatabase(config.database);
  let serving = false;
  try {
    logger.info('database ready', { engine: db.engine });
    // PGlite serves as well, only heavier: said at start (info), not a warning in every console run.
    if (db.note) logger.info('embedded database is PGlite', { reason: db.note });
    const feedbackSecret = await resolveFeedbackSecret(config.database, config.feedbackSecret, {
      countNetworks: () => db.prisma.staffNetwork.count(),
      logger,
    });
    const store = createStore(db.prisma, { feedbackSecret });
    // Submissions from before sealed days existed: sealed now, so no copy from here on can order them.
    const sealed = await store.feedback.sealUnsealed();
    if (sealed > 0) logger.info('pending feedback sealed', { submissions: sealed });
    if (config.loadDemoPlan) {
      const demo = await loadDemoPlanIfEmpty(store);
      if (demo) logger.info('demo plan loaded', { ...demo });
    }
    const schedule = { ...DEFAULT_SCHEDULE, bankHolidays: await bankHolidays };
    // Word reports: the docx library loads on the first one asked for, never at start.
    const documents = createReportDocuments();
    const frontDoors = await createFrontDoors(config, {
      store,
      clock: systemClock,
      admins: config.admins,
      logger,
      schedule,
      planReader: createPlanFileReader(),
      documents,
    });
    if (frontDoors.length === 0) {
      await runConsole(
        { store, clock: systemClock, admins: withConsoleAdmin(config), schedule, documents },
        {
          input: process.stdin,
          output: process.stdout,
          user: config.consoleUser,
          interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
          logger,
        },
      );
      return;
    }
    serving = true;
    await serveUntilSignalled(frontDoors, { config, logger, store, db, clock: systemClock, schedule });
    // Exit rather than wait for the event loop to drain: an SDK's background retries (Bolt's token
    // check against an unreachable Slack) would keep the process alive long after it stopped.
    process.exit(0);
  } finally {
    if (!serving) await db.close(); // serving: closed within the stop's deadline
  }
}

const systemClock = { now: () => new Date() };

/**
 * The chat front doors the configuration has credentials for; none means the local console. Each is
 * loaded only when configured: an SDK not in use (botbuilder is about 20 MB) is never imported.
 */
async function createFrontDoors(config: Config, deps: FrontDoorDeps): Promise<FrontDoor[]> {
  const doors: FrontDoor[] = [];
  if (config.slack) {
    const { createSlackFrontDoor } = await import('./bot/slack/slack-front-door.ts');
    doors.push(createSlackFrontDoor(config.slack, deps));
  }
  if (config.teams) {
    const { createTeamsFrontDoor } = await import('./bot/teams/teams-front-door.ts');
    doors.push(createTeamsFrontDoor(config.teams, deps));
  }
  return doors;
}

// console:admin, the default console user, is always an admin: whoever types at the console owns the
// machine and its data anyway. Other console users are admins only if ACTIONBOT_ADMINS names them.
function withConsoleAdmin(config: Config) {
  return [...config.admins, { platform: 'console' as const, externalId: 'admin' }];
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(
    `Actionbot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
