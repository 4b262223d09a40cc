import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { type PlanFile, planFileSchema } from '../domain/plan-file.ts';
import { MAX_PLAN_FILE_BYTES } from '../domain/plan-upload.ts';
import { cleanImportText, cleanImportValues } from './import-hygiene.ts';

/** A plan file's contents, or what is wrong with it, line by line. */
export type PlanFileResult = { ok: true; plan: PlanFile } | { ok: false; errors: string[] };

/** Largest plan file read, in bytes; real plans are a few hundred kilobytes at most. */
export { MAX_PLAN_FILE_BYTES };

/** Reads a YAML or JSON plan file (by extension; YAML otherwise) and validates it. */
export async function readPlanFile(file: string): Promise<PlanFileResult> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return { ok: false, errors: [`${file}: no such file`] };
  if (stat.size > MAX_PLAN_FILE_BYTES)
    return { ok: false, errors: [`${file}: larger than 5 MB; is it a plan file?`] };
  return parsePlanText(
    await fs.readFile(file, 'utf8'),
    path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml',
  );
}

/**
 * Parses plan text in YAML or JSON and validates it against the plan file format. A control
 * character (written or escaped) refuses the file; bidi controls are removed (import-hygiene.ts).
 */
export function parsePlanText(raw: string, format: 'yaml' | 'json'): PlanFileResult {
  const text = cleanImportText(raw);
  if (!text.ok) return text;
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text.text) : YAML.parse(text.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, errors: [`not valid ${format.toUpperCase()}: ${(error as Error).message}`] };
  }
  const clean = cleanImportValues(data);
  if (!clean.ok) return clean;
  const parsed = planFileSchema.safeParse(clean.data);
  if (parsed.success) return { ok: true, plan: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
  };
}
