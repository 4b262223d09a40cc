import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/domain/action.ts';
import { parseDue } from '../../src/domain/due-date.ts';
import { renderReportCsv } from '../../src/domain/report/render-csv.ts';
import { renderReportHtml } from '../../src/domain/report/render-html.ts';
import { renderReportMarkdown } from '../../src/domain/report/render-markdown.ts';
import { buildReport } from '../../src/domain/report/report-model.ts';
import type { PlanUpdate } from '../../src/domain/report/since-model.ts';
import type { Status } from '../../src/domain/status.ts';
import { createReportDocuments } from '../../src/reports/render-docx.ts';
import { createLargePlan, longNote } from '../support/large-plan.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
const SINCE = { day: '2026-09-15', start: new Date('2026-09-14T23:00:00Z'), label: '15 September 2026' };

/** A 2,000-action plan where every action has two updates with 4,000-character notes, one before and one in the period. */
function createLargeCommitteeModel() {
  const plan = createLargePlan(2_000, 10);
  const context = {
    code: plan.code,
    title: plan.title,
    timezone: 'Europe/London',
    updateCycle: 'quarterly' as const,
  };
  const rated: Status[] = ['RED', 'AMBER', 'GREEN', 'COMPLETE'];
  const updates: PlanUpdate[] = [];
  const actions = plan.themes.flatMap((theme) =>
    theme.actions.map((a, i): Action => {
      const id = `${theme.ref}/${a.ref}`;
      const then = rated[i % 4] as Status;
      const now = rated[(i + Number(theme.ref)) % 4] as Status;
      const before = {
        at: new Date('2026-07-01T10:00:00Z'),
        oldStatus: 'NOT_RATED' as const,
        newStatus: then,
      };
      const after = { at: new Date('2026-10-01T10:00:00Z'), oldStatus: then, newStatus: now };
      for (const u of [before, after])
        updates.push({
          actionId: id,
          authorName: 'Officer',
          source: 'slack',
          note: longNote(4_000, i),
          ...u,
        });
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
        status: now,
        createdAt: new Date('2026-06-01T09:00:00Z'),
        lastUpdate: { authorName: 'Officer', source: 'slack', note: longNote(4_000, i), ...after },
      };
    }),
  );
  return {
    actions,
    model: buildReport({ ...context, period: null }, actions, NOW, { updates, since: SINCE }),
  };
}

describe('a committee report of a 2,000-action plan with 4,000-character notes', () => {
  it('holds every action in every format, with exactly the Red and Amber ones as exceptions', {
    timeout: 120_000,
  }, async () => {
    const { actions, model } = createLargeCommitteeModel();
    const since = model.since;
    if (!since) throw new Error('no since section');
    const redAmber = actions.filter((a) => a.status === 'RED' || a.status === 'AMBER').map((a) => a.ref);
    expect(since.exceptions.redAmber.map((x) => x.row.ref).sort()).toEqual(redAmber.sort());
    expect(since.exceptions.redAmber.every((x) => (x.note?.length ?? 0) > 3_900)).toBe(true);
    expect(since.rows.every((r) => r.updates.length === 1)).toBe(true);
    const counts = since.directions;
    expect(counts.improved + counts.worsened + counts.unchanged + counts.new).toBe(2_000);

    const html = renderReportHtml(model);
    const md = renderReportMarkdown(model);
    const csv = renderReportCsv(model);
    const htmlRefs = new Set([...html.matchAll(/<tr><td>(\d+\.\d+)<\/td>/g)].map((m) => m[1]));
    const mdRefs = new Set([...md.matchAll(/^\| (\d+\.\d+) \|/gm)].map((m) => m[1]));
    for (const a of actions) {
      expect(htmlRefs.has(a.ref), a.ref).toBe(true);
      expect(mdRefs.has(a.ref), a.ref).toBe(true);
    }
    expect(csv.split('\r\n').length).toBeGreaterThan(2_000);

    const bytes = await createReportDocuments().renderDocx(model);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const lines = new Set(value.split('\n'));
    for (const a of actions) expect(lines.has(a.ref), a.ref).toBe(true);
  });
});
