import { ConfigError, loadConfig } from './config.ts';
import { createStore } from './db/create-store.ts';
import { openDatabase } from './db/database.ts';
import { readPlanFile } from './import/read-plan-file.ts';

const USAGE = `Usage: npx actionbot import <plan.yaml|plan.json>

Loads or updates a plan: actions with the same ref are updated, never duplicated.
Uses DATABASE_URL, or the embedded database in ACTIONBOT_DATA_DIR (default ./data).`;

/** `actionbot import <file>`: loads a plan file into the configured database. Returns the exit code. */
export async function runCli(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [command, file, ...extra] = argv;
  if (command !== 'import' || !file || extra.length > 0) {
    (command === 'help' || command === '--help' ? out : err).write(`${USAGE}\n`);
    return command === 'help' || command === '--help' ? 0 : 64; // EX_USAGE
  }
  const plan = await readPlanFile(file);
  if (!plan.ok) {
    err.write(
      `${file} is not a valid plan file; nothing was imported:\n${plan.errors.map((e) => `  ${e}`).join('\n')}\n`,
    );
    return 65; // EX_DATAERR
  }
  const db = await openDatabase(loadConfig().database);
  try {
    const s = await createStore(db.prisma).plans.importPlan(plan.plan, null);
    out.write(
      `${s.created ? 'Created' : 'Updated'} plan ${s.planCode}: ${s.themes} themes, ${s.actionsCreated} actions added, ${s.actionsUpdated} updated.\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError ? `${error.message}\n` : `Import failed: ${String(error)}\n`,
    );
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
