import { z } from 'zod';
import { PLAN_CODE_PATTERN, REF_PATTERN } from './codes.ts';

const text = z.string().trim().min(1);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);
const refText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(REF_PATTERN, 'a ref is like 2.4 or 10.3'));
const cycle = z.enum(['monthly', 'quarterly', 'six-monthly']);
const statusWord = z.enum(['red', 'amber', 'green', 'complete', 'not rated']);

/** One action in a plan file. */
export const planFileActionSchema = z.object({
  ref: refText,
  title: text,
  description: optionalText,
  /** Job roles; none means only admins can update it (imports report such actions). */
  owners: z.array(text).default([]),
  /** People named by email for one of its roles ("Head of HR (jane@council.example)"): they hold it. */
  ownerEmails: z
    .array(z.object({ role: text, email: z.email().transform((e) => e.toLowerCase()) }))
    .optional(),
  due: optionalText,
  successMeasure: optionalText,
  metrics: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  status: statusWord.optional(),
  /** The latest progress as the file states it; recorded as an update from the import. */
  latestUpdate: optionalText,
});

/** One theme (commitment, objective) in a plan file. */
export const planFileThemeSchema = z.object({
  ref: refText,
  title: text,
  objective: optionalText,
  metrics: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  /** The theme's sponsor role, when it has its own (see the plan's `sponsor`). */
  sponsor: optionalText,
  actions: z.array(planFileActionSchema).default([]),
});

/** A whole plan as written in YAML or JSON (documented in the README, "Plan files"). */
export const planFileSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(PLAN_CODE_PATTERN, 'a plan code is 2-16 capital letters, digits or dashes, like ARAP'),
    title: text,
    period: optionalText,
    timezone: z
      .string()
      .default('Europe/London')
      .refine(isTimeZone, 'not an IANA time zone such as Europe/London'),
    updateCycle: cycle.default('quarterly'),
    /** The senior responsible officer's role ("Executive Director, People"): hears of missed updates. */
    sponsor: optionalText,
    themes: z.array(planFileThemeSchema).min(1, 'a plan needs at least one theme'),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    for (const theme of plan.themes) {
      for (const action of theme.actions) {
        if (seen.has(action.ref)) {
          ctx.addIssue({ code: 'custom', message: `action ${action.ref} appears twice`, path: ['themes'] });
        }
        seen.add(action.ref);
      }
    }
  });

/** A validated plan file. */
export type PlanFile = z.infer<typeof planFileSchema>;
/** A validated action of a plan file. */
export type PlanFileAction = z.infer<typeof planFileActionSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false; // Intl throws RangeError for unknown zones: that is the answer, not a failure.
  }
}
