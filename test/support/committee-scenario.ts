import { type PlanFile, planFileSchema } from '../../src/domain/plan-file.ts';
import { FIXTURE_PLAN } from './fixture-plan.ts';
import { createHarness, type Harness } from './harness.ts';
import type { Engine } from './test-database.ts';

/** A second, tiny plan the harness starts with, so the ARAP plan can be imported at a chosen time. */
const OTHER_PLAN: PlanFile = planFileSchema.parse({
  code: 'OTHER',
  title: 'Other plan',
  themes: [
    { ref: '9', title: 'Elsewhere', actions: [{ ref: '9.9', title: 'Elsewhere', owners: ['Clerk'] }] },
  ],
});

/** The fixture plan with one more action, 2.6, as a later import adds it. */
export const PLAN_WITH_2_6: PlanFile = planFileSchema.parse({
  ...FIXTURE_PLAN,
  themes: FIXTURE_PLAN.themes.map((t) =>
    t.ref === '2'
      ? {
          ...t,
          actions: [
            ...t.actions,
            { ref: '2.6', title: 'Publish panel audit', owners: ['Head of People Services'], due: 'n/a' },
          ],
        }
      : t,
  ),
});

/**
 * ARAP over several quarters: imported 1 June 2026, updates in July and August, a committee on
 * 15 September 2026, then 1.1 worsens (Green -> Red, two notes), 2.4 improves (Amber -> Green), 1.2
 * stays Amber with no update, 2.5 stays Complete, and 2.6 is added in October and completed with
 * evidence. The clock ends at 22 November 2026.
 */
export async function createCommitteeScenario(engine: Engine): Promise<Harness> {
  const h = await createHarness(engine, OTHER_PLAN);
  const at = (iso: string) => h.clock.set(new Date(iso));
  const run = async (text: string) => {
    const reply = await h.reply(text);
    if (reply.blocks.some((b) => b.type === 'error'))
      throw new Error(`${text}: ${JSON.stringify(reply.blocks)}`);
  };
  await h.store.plans.importPlan(FIXTURE_PLAN, null, { at: new Date('2026-06-01T09:00:00Z') });
  at('2026-07-10T10:00:00Z');
  await run('update 1.1 green Champion shortlisted');
  await run('update 2.4 amber Data from HR is late');
  at('2026-08-01T10:00:00Z');
  await run('update 1.2 amber Drafting the first report');
  at('2026-09-16T10:00:00Z');
  await run('committee ARAP 15/09/2026');
  at('2026-10-05T10:00:00Z');
  await run('update 1.1 red Blocked: no budget for the post. Help: the board to approve funding');
  at('2026-10-06T10:00:00Z');
  await run('update 2.4 green Data in; shortlisting ratio 0.9');
  at('2026-10-12T10:00:00Z');
  await run('update 1.1 Still waiting for the board: paper goes on 3 December');
  await h.store.plans.importPlan(PLAN_WITH_2_6, null, { at: new Date('2026-10-20T09:00:00Z') });
  at('2026-11-02T10:00:00Z');
  await run('update 2.6 complete Evidence: panel audit published on the intranet, 14 of 15 panels diverse');
  at('2026-11-22T12:00:00Z');
  return h;
}
