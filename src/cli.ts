import { runCli } from './cli-run.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createStore } from './db/create-store.ts';
import { openDatabase } from './db/database.ts';

// `npx actionbot import|report ...` (bin/actionbot.js): the database opens only once the input is known good.
runCli(process.argv.slice(2), process.stdout, process.stderr, {
  clock: { now: () => new Date() },
  async withStore(use) {
    const db = await openDatabase(loadConfig().database);
    try {
      // Importing and reporting hash nothing: no feedback secret is read, and none is created.
      return await use(createStore(db.prisma, { feedbackSecret: undefined }));
    } finally {
      await db.close();
    }
  },
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Failed: ${String(error)}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
