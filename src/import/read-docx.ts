import { type DocxBlock, readDocxBlocks } from './docx-blocks.ts';
import { parseDocxTables } from './docx-plan.ts';
import type { ImportedPlan, ImportProblem, PlanIdentity } from './plan-draft.ts';
import { parseImportText } from './read-import-file.ts';
import { refuseUnpackedSize } from './zip-limits.ts';

/** The first bytes of an OLE compound file: old .doc files, and Office files saved with a password. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Why bytes named .docx or .xlsx cannot be an Office Open XML file, or null when they may be one. */
export function refuseOfficeBytes(bytes: Uint8Array, kind: 'Word' | 'Excel'): string | null {
  if (bytes.length === 0)
    return `the file is empty (0 bytes): save the plan again from ${kind} and import that`;
  if (startsWith(bytes, OLE))
    return `this ${kind} file is password-protected (encrypted) or in the old 97-2003 format: remove the password or save it again as ${kind === 'Word' ? '.docx' : '.xlsx'}, then import that`;
  if (!startsWith(bytes, ZIP))
    return `this is not a ${kind} file (it does not start as one): open it in ${kind}, save it again, then import that`;
  return null;
}

/**
 * Reads a Word document. Its tables become table rows (headings and paragraphs before them give the
 * themes); a document without tables is read as text, lists as lines, by the document reader.
 * mammoth and htmlparser2 are loaded here, only when a .docx is imported.
 */
export async function readDocxPlan(bytes: Buffer, id: Partial<PlanIdentity>): Promise<ImportedPlan> {
  const refused = refuseOfficeBytes(bytes, 'Word') ?? (await refuseUnpackedSize(bytes, 'Word'));
  if (refused) return { ok: false, errors: [refused] };
  const [{ default: mammoth }, { parseDocument }] = await Promise.all([
    import('mammoth'),
    import('htmlparser2'),
  ]);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch {
    // mammoth's error (a zip or XML it cannot read) says nothing a council can act on; this does.
    return {
      ok: false,
      errors: [
        'this Word file cannot be read (it may be damaged): open it in Word, save it again as .docx, then import that',
      ],
    };
  }
  const blocks = readDocxBlocks(parseDocument(html));
  if (blocks.some((b) => b.kind === 'row')) {
    const plan = parseDocxTables(blocks, id);
    return plan.ok ? { ...plan, problems: plan.problems.map((p) => placeNote(p, blocks)) } : plan;
  }
  const text = blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n');
  return parseImportText(text, 'document', id);
}

/** A note placed by what a reader of the document sees: "table 2, row 3" or "paragraph 4". */
function placeNote(p: ImportProblem, blocks: DocxBlock[]): ImportProblem {
  const block = blocks[p.line - 1];
  if (!block) return p;
  const before = blocks.slice(0, p.line);
  const where =
    block.kind === 'row'
      ? `table ${block.table}, row ${before.filter((b) => b.kind === 'row' && b.table === block.table).length}`
      : `paragraph ${before.filter((b) => b.kind === 'text').length}`;
  return { ...p, where };
}
