import { runConsole } from './bot/console/run-console.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createStore } from './db/create-store.ts';
import { openDatabase } from './db/database.ts';
import { loadDemoPlanIfEmpty } from './import/load-demo-plan.ts';
import { createLogger } from './logger.ts';

/** Starts Actionbot: database first, then the front doors the configuration asks for. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel ?? 'warn');
  const db = await openDatabase(config.database);
  try {
    logger.info('database ready', { engine: db.engine });
    const store = createStore(db.prisma);
    if (config.loadDemoPlan) {
      const demo = await loadDemoPlanIfEmpty(store);
      if (demo) logger.info('demo plan loaded', { ...demo });
    }
    const deps = { store, clock: { now: () => new Date() }, admins: withConsoleAdmin(config) };
    await runConsole(deps, {
      input: process.stdin,
      output: process.stdout,
      user: config.consoleUser,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      logger,
    });
  } finally {
    await db.close();
  }
}

// console:admin, the default console user, is always an admin: whoever types at the console owns the
// machine and its data anyway. Other console users are admins only if ACTIONBOT_ADMINS names them.
function withConsoleAdmin(config: ReturnType<typeof loadConfig>) {
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
