// The codes people type and the bot hands out, with their patterns, in one place: plan codes,
// action refs (`2.4`, `ARAP:2.4`), feedback ids (`F7K3QX`) and receipts (`ABCDE-FGHJK-MNPQR-STVWX`).

const PLAN_CODE = '[A-Z][A-Z0-9-]{1,15}';
const REF = '[A-Za-z0-9][A-Za-z0-9.-]{0,19}';

/** A plan code: 2-16 capital letters, digits or dashes, starting with a letter (`ARAP`). */
export const PLAN_CODE_PATTERN = new RegExp(`^${PLAN_CODE}$`);
/** An action or theme ref within a plan: up to 20 letters, digits, dots or dashes (`2.4`, `10.3a`). */
export const REF_PATTERN = new RegExp(`^${REF}$`);
/** A ref as typed, optionally after its plan's code and a colon, in any case (`arap:2.4`). */
const REF_TEXT_PATTERN = new RegExp(`^(?:(${PLAN_CODE}):)?(${REF})$`, 'i');
/** What a word that names an action looks like (`2.4`, `#2.4`, `ARAP:2.4`), to suggest `show`. */
const REF_LIKE_PATTERN = /^#?[\w-]*:?\d+(\.\d+)*$/;
/** A feedback submission's id as typed: F and five letters or digits. */
const FEEDBACK_ID_PATTERN = /^F[A-Z0-9]{5}$/i;
/** Letters of the codes the bot hands out: no 0/O, 1/I/L or U, since they are read and typed back. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
/** Characters in a receipt, without its dashes. */
export const RECEIPT_LENGTH = 20;
const RECEIPT_PATTERN = /^[A-Z2-9]{20}$/;

/** A plan code in upper case, or null when the text is not one (`arap` -> `ARAP`). */
export function parsePlanCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return PLAN_CODE_PATTERN.test(code) ? code : null;
}

/** Whether text is a ref within a plan (`2.4`). */
export function isRef(text: string): boolean {
  return REF_PATTERN.test(text);
}

/** A ref as typed (`2.4`, `#2.4`, `arap:2.4`): its plan code (upper case) if given, and the ref; else null. */
export function parseRefText(text: string): { planCode: string | null; ref: string } | null {
  const m = REF_TEXT_PATTERN.exec(text.replace(/^#/, ''));
  if (!m) return null;
  return { planCode: m[1] ? m[1].toUpperCase() : null, ref: m[2] ?? '' };
}

/** Whether a word looks like an action ref (digits and dots, perhaps after a plan code). */
export function looksLikeRef(word: string): boolean {
  return REF_LIKE_PATTERN.test(word);
}

/** `CODE:ref`: an action as buttons, forms and tags carry it. */
export function formatTarget(planCode: string, ref: string): string {
  return `${planCode}:${ref}`;
}

/** Reads `CODE:ref` back (as {@link formatTarget} writes it); null when it is not one. */
export function parseTarget(text: string): { planCode: string; ref: string } | null {
  const at = text.indexOf(':');
  const planCode = text.slice(0, at);
  const ref = text.slice(at + 1);
  return at > 0 && PLAN_CODE_PATTERN.test(planCode) && REF_PATTERN.test(ref) ? { planCode, ref } : null;
}

/** A feedback id in upper case, or null when the text is not one. */
export function parseFeedbackId(text: string): string | null {
  return FEEDBACK_ID_PATTERN.test(text) ? text.toUpperCase() : null;
}

/** Receipt codes as typed: spaces and dashes dropped, upper case. */
export function normaliseReceipt(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** A receipt as typed, normalised ({@link normaliseReceipt}), or null when it is not one. */
export function parseReceiptCode(text: string): string | null {
  const code = normaliseReceipt(text);
  return RECEIPT_PATTERN.test(code) ? code : null;
}

/** A receipt as shown: its characters in groups of five joined by dashes. */
export function formatReceipt(code: string): string {
  return (code.match(/.{1,5}/g) ?? []).join('-');
}
