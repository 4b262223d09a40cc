import { truncate } from './format.ts';
import type { PlanFile } from './plan-file.ts';

/** How much of a title the preview shows: one line of a terminal. */
const TITLE_WIDTH = 70;

/**
 * A plan as read, for a preview people can check before anything is written: each theme, then its
 * actions with ref, title cut to one line, owners and due value as the file gave them.
 */
export function formatPlanTree(plan: PlanFile): string[] {
  return plan.themes.flatMap((theme) => [
    `${theme.ref}  ${oneLine(theme.title)}`,
    ...theme.actions.map((action) => {
      const owners = action.owners.length ? action.owners.join('; ') : 'no owner';
      const due = action.due ? `due ${oneLine(action.due)}` : 'no due date';
      return `  ${action.ref}  ${oneLine(action.title)}  [${owners} | ${due}]`;
    }),
  ]);
}

function oneLine(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), TITLE_WIDTH);
}
