import { neutraliseBidi } from '../domain/text-hygiene.ts';
import type { DocxBlock } from './docx-blocks.ts';
import { cleanImportText, cleanImportValues } from './import-hygiene.ts';
import type { PlanIdentity } from './plan-draft.ts';

/** Blocks that passed the import's text hygiene, with the plan's identity; or why not. */
export type Checked =
  | { ok: true; blocks: DocxBlock[]; identity: PlanIdentity }
  | { ok: false; errors: string[] };

// The import's text hygiene, as for every file: each block is checked as one line (so a refusal names
// the block), then bidi controls are removed from every cell.
export function checkBlocks(blocks: DocxBlock[], id: Partial<PlanIdentity>): Checked {
  if (!id.code)
    return {
      ok: false,
      errors: ['--plan CODE is needed for spreadsheets and documents (2-16 capitals, like ARAP)'],
    };
  const asLines = blocks.map((b) => (b.kind === 'text' ? b.text : b.cells.join(' | ')).replace(/\n/g, ' '));
  const clean = cleanImportText(asLines.join('\n'));
  if (!clean.ok) return clean;
  const options = cleanImportValues({ '--title': id.title, '--period': id.period });
  if (!options.ok) return options;
  const { '--title': title, '--period': period } = options.data as Record<string, string | undefined>;
  const cleaned = blocks.map((b) =>
    b.kind === 'text'
      ? { ...b, text: neutraliseBidi(b.text) }
      : { ...b, cells: b.cells.map((c) => neutraliseBidi(c)) },
  );
  return { ok: true, blocks: cleaned, identity: { code: id.code, title, period } };
}
