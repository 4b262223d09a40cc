import { fileURLToPath } from 'node:url';
import type { ImportSummary, Store } from '../domain/ports.ts';
import { readPlanFile } from './read-plan-file.ts';

/** The demo plan shipped with the repository. */
export const DEMO_PLAN_FILE = fileURLToPath(new URL('../../plans/demo-plan.yaml', import.meta.url));

/** Loads the demo plan when the database holds no plan at all; returns what it imported, if anything. */
export async function loadDemoPlanIfEmpty(store: Store): Promise<ImportSummary | null> {
  if ((await store.plans.listPlans()).length > 0) return null;
  const file = await readPlanFile(DEMO_PLAN_FILE);
  if (!file.ok) throw new Error(`The shipped demo plan is invalid: ${file.errors.join('; ')}`);
  return store.plans.importPlan(file.plan, null);
}
