import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createPlanReport,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportSince,
} from './commands/plan-report.ts';
import { formatPlanTree } from './domain/plan-tree.ts';
import type { Clock, Store } from './domain/ports.ts';
import { parseTypedDate } from './domain/typed-date.ts';
import { noteText } from './import/plan-draft.ts';
import { readImportFile } from './import/read-import-file.ts';
import { createReportDocuments } from './reports/render-docx.ts';

const USAGE = `Usage:
  npx actionbot import <file> [--plan CODE] [--title TEXT] [--period TEXT] [--dry-run]
  npx actionbot report --plan CODE [--since DD/MM/YYYY|last-committee] [--format html|md|csv|docx] [--out FILE]

import: YAML or JSON plan files as they are; workbooks (.xlsx), Word (.docx), PDF, spreadsheets
  (.csv, .tsv) and document text (.txt) need --plan CODE. Actions with the same ref are updated,
  never duplicated. --dry-run lists what would change and the plan as read, and writes nothing.
report: one row per action with its latest update, and a summary; to standard output unless --out
  (docx needs --out). --since: direction of travel, every update since then, exceptions and completed work.
Uses DATABASE_URL, or the embedded database in ACTIONBOT_DATA_DIR (default ./data).`;

/** Where the CLI writes; `isTTY` chooses a counter on one line or plain lines for progress. */
export type CliOutput = { write(text: string): unknown; isTTY?: boolean };

/** What the CLI needs: a store (opened on demand, closed after) and the time. */
export type CliDeps = {
  withStore<T>(use: (store: Store) => Promise<T>): Promise<T>;
  clock: Clock;
};

/** Runs `actionbot <command> ...`; returns the exit code (64 usage, 65 bad data, 66 no input). */
export async function runCli(argv: string[], out: CliOutput, err: CliOutput, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === undefined) {
    (command ? out : err).write(`${USAGE}\n`);
    return command ? 0 : 64;
  }
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(rest);
  } catch (error) {
    err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 64; // EX_USAGE
  }
  if (command === 'import') return runImport(parsed, out, err, deps);
  if (command === 'report') return runReport(parsed, out, err, deps);
  err.write(`Unknown command "${command}".\n${USAGE}\n`);
  return 64;
}

function parseCliArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      title: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string' },
      since: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
}

type Parsed = ReturnType<typeof parseCliArgs>;

async function runImport({ values, positionals }: Parsed, out: CliOutput, err: CliOutput, deps: CliDeps) {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    err.write(`import takes one file.\n${USAGE}\n`);
    return 64;
  }
  const code = values.plan?.trim().toUpperCase();
  const result = await readImportFile(file, { code, title: values.title, period: values.period });
  if (!result.ok) {
    err.write(
      `${file} could not be imported; nothing was changed:\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`,
    );
    return 65; // EX_DATAERR
  }
  if (result.problems.length > 0)
    err.write(
      `${file}: ${result.problems.length} note${result.problems.length === 1 ? '' : 's'} on what was read:\n${result.problems.map((p) => `  ${noteText(p)}`).join('\n')}\n`,
    );
  const plan = result.plan;
  const total = plan.themes.reduce((n, t) => n + t.actions.length, 0);
  const progress = createProgress(err, total);
  const s = await deps.withStore((store) =>
    store.plans.importPlan(plan, null, {
      dryRun: values['dry-run'] === true,
      at: deps.clock.now(),
      onProgress: progress,
    }),
  );
  if (s.dryRun) {
    out.write(
      `Dry run: nothing was written. Importing ${file} into ${s.planCode} would make these changes:\n`,
    );
    out.write(
      s.changes.length
        ? `${s.changes.map((c) => `  ${c}`).join('\n')}\n`
        : '  (none: the plan already matches)\n',
    );
    out.write(`\nThe plan as read (${plan.themes.length} themes, ${total} actions):\n`);
    out.write(
      `${formatPlanTree(plan)
        .map((line) => `  ${line}`)
        .join('\n')}\n`,
    );
    return 0;
  }
  out.write(
    `${s.created ? 'Created' : 'Updated'} plan ${s.planCode}: ${s.themes} themes, ${s.actionsCreated} actions added, ${s.actionsUpdated} updated, ${s.updatesRecorded} progress updates recorded.\n`,
  );
  return 0;
}

/** Progress on standard error: a counter rewritten in place on a terminal, a line per 25 rows otherwise. */
function createProgress(err: CliOutput, total: number): (done: number) => void {
  return (done) => {
    if (err.isTTY) {
      err.write(`\rProcessed ${done}/${total} actions${done === total ? '\n' : ''}`);
    } else if (done % 25 === 0 || done === total) err.write(`Processed ${done}/${total} actions\n`);
  };
}

async function runReport({ values, positionals }: Parsed, out: CliOutput, err: CliOutput, deps: CliDeps) {
  const format = (values.format ?? 'html').toLowerCase();
  if (positionals.length > 0 || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    err.write(
      `report takes --plan CODE, --since DATE, --format ${REPORT_FORMATS.join('|')} and --out FILE.\n`,
    );
    return 64;
  }
  if (format === 'docx' && !values.out) {
    err.write('A Word report is a binary file: give --out FILE.docx.\n');
    return 64;
  }
  let since: ReportSince | null = null;
  if (values.since !== undefined) {
    const day = parseTypedDate(values.since);
    if (/^last[- ]committee$/i.test(values.since.trim())) since = { kind: 'last-committee' };
    else if (day) since = { kind: 'day', day };
    else {
      err.write(`--since takes a date like 15/09/2026 or last-committee, not "${values.since}".\n`);
      return 64;
    }
  }
  const report = await deps.withStore((store) =>
    createPlanReport(store, deps.clock, {
      code: values.plan ?? null,
      format: format as ReportFormat,
      since,
      documents: createReportDocuments(),
    }),
  );
  if (!report.ok) {
    err.write(`${report.error}\n`);
    return 65;
  }
  if (values.out) {
    await fs.writeFile(values.out, report.bytes ?? report.content, report.bytes ? undefined : 'utf8');
    out.write(`Wrote ${values.out}: ${report.summary}\n`);
  } else out.write(report.content);
  return 0;
}
