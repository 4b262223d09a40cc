import { type PlanFile, planFileSchema } from '../domain/plan-file.ts';

/**
 * Something in an imported file that was not understood or was read with a guess, by line; `where`
 * names the place instead where lines mean little (a Word table's row, a PDF's page and line).
 */
export type ImportProblem = { line: number; message: string; where?: string };

/** A note as people read it: "line 12: ...", or "table 2, row 3: ...". */
export function noteText(p: ImportProblem): string {
  return `${p.where ?? `line ${p.line}`}: ${p.message}`;
}

/** An action as read from a table or document, before refs are numbered. */
export type DraftAction = {
  line: number;
  ref?: string | undefined;
  title: string;
  description?: string | undefined;
  /** The Issue cell, put before the aim in the description. */
  issue?: string | undefined;
  owners: string[];
  /** People the owner cell names by email for a role. */
  ownerEmails?: { role: string; email: string }[] | undefined;
  /** The owner cell as written, kept so a cell split across pages can be re-read whole. */
  ownerText?: string | undefined;
  due?: string | undefined;
  status?: PlanFile['themes'][number]['actions'][number]['status'];
  successMeasure?: string | undefined;
  metrics: string[];
  latestUpdate?: string | undefined;
};

/** A theme as read, before refs are numbered. */
export type DraftTheme = {
  line: number;
  ref?: string | undefined;
  title: string;
  objective?: string | undefined;
  metrics: string[];
  actions: DraftAction[];
};

type NumberedTheme = Omit<DraftTheme, 'ref' | 'actions'> & {
  ref: string;
  actions: (DraftAction & { ref: string })[];
};

/** What an import parser recovered. */
export type PlanDraft = { title?: string | undefined; period?: string | undefined; themes: DraftTheme[] };

/** The plan's identity, from the command line. */
export type PlanIdentity = { code: string; title?: string | undefined; period?: string | undefined };

/** A plan recovered from a spreadsheet or document, with what could not be understood. */
export type ImportedPlan =
  | { ok: true; plan: PlanFile; problems: ImportProblem[] }
  | { ok: false; errors: string[] };

/**
 * Numbers what the file left unnumbered (themes 1, 2, ...; actions 1.1, 1.2 within their theme),
 * drops empty themes, refuses duplicate refs (reported, the first kept) and validates the result.
 */
export function finishDraft(draft: PlanDraft, id: PlanIdentity, problems: ImportProblem[]): ImportedPlan {
  const themes = draft.themes.filter((t) => t.actions.length > 0);
  if (themes.length === 0)
    return {
      ok: false,
      errors: ['no actions found: expected a table with an Action column, or "Action 1:" blocks'],
    };
  const themeRefs = new Set(themes.flatMap((t) => (t.ref ? [t.ref] : [])));
  let nextTheme = 1;
  const seenActions = new Set<string>();
  const unowned: { line: number; ref: string }[] = [];
  const out: NumberedTheme[] = [];
  for (const theme of themes) {
    let ref = theme.ref;
    if (!ref) {
      while (themeRefs.has(String(nextTheme))) nextTheme++;
      ref = String(nextTheme);
      themeRefs.add(ref);
    }
    const taken = new Set(theme.actions.flatMap((a) => (a.ref ? [a.ref] : [])));
    let next = 1;
    const actions = [];
    for (const action of theme.actions) {
      let actionRef = action.ref;
      if (!actionRef) {
        while (taken.has(`${ref}.${next}`) || seenActions.has(`${ref}.${next}`)) next++;
        actionRef = `${ref}.${next}`;
        taken.add(actionRef);
      }
      if (seenActions.has(actionRef)) {
        problems.push({
          line: action.line,
          message: `action ${actionRef} appears twice; only the first is kept`,
        });
        continue;
      }
      seenActions.add(actionRef);
      if (action.owners.length === 0) unowned.push({ line: action.line, ref: actionRef });
      actions.push({ ...action, ref: actionRef });
    }
    out.push({ ...theme, ref, actions });
  }
  reportUnowned(unowned, problems);
  const parsed = planFileSchema.safeParse({
    code: id.code,
    title: id.title ?? draft.title ?? id.code,
    period: id.period ?? draft.period,
    themes: out,
  });
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${describePath(i.path, out)}: ${i.message}`),
    };
  return { ok: true, plan: parsed.data, problems: problems.sort((a, b) => a.line - b.line) };
}

function describePath(path: PropertyKey[], themes: NumberedTheme[]): string {
  const [first, themeIndex, second, actionIndex] = path;
  if (first !== 'themes' || typeof themeIndex !== 'number') return path.join('.') || '(plan)';
  const theme = themes[themeIndex];
  if (second === 'actions' && typeof actionIndex === 'number') {
    const action = theme?.actions[actionIndex];
    return `line ${action?.line ?? '?'} (action ${action?.ref ?? '?'}) ${path.slice(4).join('.')}`;
  }
  return `line ${theme?.line ?? '?'} (theme ${theme?.ref ?? '?'}) ${path.slice(2).join('.')}`;
}

// One line per action when a few lack owners; one line in all when the file has no owner column.
function reportUnowned(unowned: { line: number; ref: string }[], problems: ImportProblem[]): void {
  const first = unowned[0];
  if (!first) return;
  if (unowned.length <= 3) {
    for (const a of unowned)
      problems.push({ line: a.line, message: `action ${a.ref} names no owner; only admins can update it` });
    return;
  }
  const refs = unowned.map((a) => a.ref);
  problems.push({
    line: first.line,
    message: `${unowned.length} actions name no owner (${refs.slice(0, 5).join(', ')}${refs.length > 5 ? ', ...' : ''}); only admins can update them`,
  });
}
