import path from 'node:path';
import type { Action } from '../../src/domain/action.ts';
import { parseDue } from '../../src/domain/due-date.ts';
import { buildReport, type ReportModel } from '../../src/domain/report/report-model.ts';
import type { PlanUpdate } from '../../src/domain/report/since-model.ts';
import type { Status } from '../../src/domain/status.ts';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { PLANS_DIR } from './import-fixtures.ts';

const NOW = new Date('2022-11-30T12:00:00Z');
const SINCE = {
  day: '2022-09-15',
  start: new Date('2022-09-14T23:00:00Z'),
  label: 'the committee on 15 September 2022',
};

/** Each action's path over the year: month (2022), status, note. Cycled over Norfolk's 20 actions. */
const PATHS: [number, Status, string][][] = [
  [
    [6, 'AMBER', 'Scoping with HR'],
    [10, 'GREEN', 'Data now monthly'],
  ],
  [
    [6, 'GREEN', 'On track'],
    [10, 'RED', 'Blocked: no analyst. Help: HR analytics to lend one day a week'],
  ],
  [[7, 'AMBER', 'Draft policy out for consultation']],
  [
    [6, 'AMBER', 'Pilot running'],
    [9, 'GREEN', 'Pilot extended'],
    [11, 'COMPLETE', 'Evidence: 42 managers trained, evaluation on the intranet'],
  ],
  [],
];

/**
 * Norfolk's autumn update as a committee report since 15 September 2022: each action follows one of a few
 * paths over the year (improving, worsening to Red with a blocking note, completing with evidence, silent),
 * and 11.1 is added in October.
 */
export async function loadCommitteeModel(): Promise<ReportModel> {
  const read = await readImportFile(
    path.join(PLANS_DIR, 'norfolk-wres-action-plan-2022-23-autumn-update.txt'),
    {
      code: 'NWRES',
    },
  );
  if (!read.ok) throw new Error(read.errors.join('\n'));
  const { plan } = read;
  const context = {
    code: plan.code,
    title: plan.title,
    timezone: plan.timezone,
    updateCycle: plan.updateCycle,
  };
  const updates: PlanUpdate[] = [];
  const actions = plan.themes.flatMap((theme) =>
    theme.actions.map((a, i): Action => {
      const id = `${theme.ref}/${a.ref}`;
      let status: Status = 'NOT_RATED';
      const added = a.ref === '11.1'; // added to the plan after the committee
      const path: [number, Status, string][] = added
        ? [[11, 'GREEN', 'Monitoring agreed with L&D']]
        : (PATHS[(i + Number(theme.ref)) % PATHS.length] ?? []);
      for (const [month, next, note] of path) {
        const at = new Date(Date.UTC(2022, month - 1, 12, 10));
        updates.push({
          actionId: id,
          at,
          authorName: 'Jo Bloggs',
          source: 'teams',
          oldStatus: status,
          newStatus: next,
          note,
        });
        status = next;
      }
      const mine = updates.filter((u) => u.actionId === id);
      return {
        id,
        plan: context,
        ref: a.ref,
        title: a.title,
        description: null,
        updateCycle: null,
        theme: { ref: theme.ref, title: theme.title },
        owners: a.owners,
        due: parseDue(a.due),
        successMeasure: null,
        metrics: [],
        status,
        createdAt: new Date(added ? '2022-10-01T09:00:00Z' : '2022-05-01T09:00:00Z'),
        lastUpdate: mine[mine.length - 1] ?? null,
      };
    }),
  );
  return buildReport({ ...plan, period: plan.period ?? null }, actions, NOW, { updates, since: SINCE });
}
