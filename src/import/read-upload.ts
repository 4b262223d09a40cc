import { createHash } from 'node:crypto';
import { PLAN_CODE_PATTERN } from '../domain/codes.ts';
import type { PlanFileReader, ReadUpload, UploadedFile } from '../domain/plan-upload.ts';
import { noteText } from './plan-draft.ts';
import { isImportableName, readImportBytes } from './read-import-file.ts';
import { MAX_PLAN_FILE_BYTES } from './read-plan-file.ts';

const KINDS = '.docx, .xlsx, .pdf, .csv, .tsv, .txt, .yaml or .json';

/** The plan file reader chat uploads use: the same readers and structure recovery as the CLI. */
export function createPlanFileReader(): PlanFileReader {
  return { read: readUploadedPlan };
}

/**
 * Reads an uploaded file as a plan. A file of another kind, an empty one or one over 5 MB is refused
 * in one sentence; without a plan code, one is made from the file name's words and the notes say so.
 */
export async function readUploadedPlan(file: UploadedFile, code: string | undefined): Promise<ReadUpload> {
  if (!isImportableName(file.name))
    return { ok: false, error: `${file.name} is not a plan file: send a ${KINDS} file.` };
  if (file.bytes.length > MAX_PLAN_FILE_BYTES)
    return {
      ok: false,
      error: `${file.name} is ${(file.bytes.length / 1024 / 1024).toFixed(0)} MB; plans are read up to 5 MB. Is it the right file?`,
    };
  const guessed = code ? null : guessPlanCode(file.name);
  const read = await readImportBytes(file.name, file.bytes, { code: code ?? guessed ?? undefined });
  if (!read.ok) return { ok: false, error: `${file.name} could not be read: ${read.errors.join('; ')}` };
  const notes = read.problems.map(noteText);
  if (guessed && read.plan.code === guessed)
    notes.unshift(
      `plan code ${guessed} made from the file name: send the file again with a code as its message (like ARAP) to choose another`,
    );
  const digest = createHash('sha256').update(file.bytes).digest('hex');
  return { ok: true, plan: read.plan, notes, digest };
}

/** A plan code from a file name's words: "Joint race equality plan 2025.docx" is JREP. */
export function guessPlanCode(name: string): string | null {
  const words = name
    .replace(/\.[^.]+$/, '')
    .split(/[^A-Za-z]+/)
    .filter((w) => w.length > 0 && !/^(and|of|the|for|to|in|on|a|an)$/i.test(w));
  const initials = words.map((w) => w[0]?.toUpperCase() ?? '').join('');
  const code = (initials.length >= 2 ? initials : (words[0] ?? '').toUpperCase()).slice(0, 16);
  return PLAN_CODE_PATTERN.test(code) ? code : null;
}
