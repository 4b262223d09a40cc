// Words a job role ends with ("... Manager"), and words that start one ("Head of ...").
const ROLE_ENDINGS = new Set(
  'manager managers officer officers director directors worker workers therapist advisor adviser advisors champion chairs consultant lead leads specialist leader leaders analyst executive team group board chair partner coordinator co-ordinator administrator member members head heads'.split(
    ' ',
  ),
);
const ROLE_STARTS =
  /^(head|heads|chair|director|directors|consultant|lead member|chief|assistant director|deputy director)\s+(of|in|for)\s/i;
/** Words a role starts with ("Director ...", "Chief ..."). */
export const ROLE_HEADS =
  /^(principal|head|heads|director|directors|chief|chair|assistant|deputy|executive)\b/i;

/**
 * Splits an owner cell naming several roles: "A; B", "A, supported by B", "Principal Social Worker
 * and HR Manager". "and" splits only where both sides read as whole roles, so "Learning and
 * Development Consultant" stays one role.
 */
export function splitOwnerRoles(cell: string): string[] {
  const clean = cell.replace(/\s+/g, ' ').trim();
  if (!clean || /^(n\/?a|tbc|-+)$/i.test(clean)) return [];
  return clean
    .split(/\s*(?:;|\/\/|\n|,\s*supported by|\bsupported by\b|\s\+\s)\s*/i)
    .flatMap(splitAtCommas)
    .flatMap(splitAtAnd)
    .map((r) =>
      r
        .replace(/^(and|&)\s+/i, '')
        .replace(/[.,;:]+$/, '')
        .trim(),
    )
    .filter((r, i, all) => r.length > 0 && all.indexOf(r) === i);
}

function splitAtCommas(part: string): string[] {
  const pieces = part.split(/\s*,\s*/);
  const out: string[] = [pieces[0] ?? ''];
  for (const piece of pieces.slice(1)) {
    // "Race Equality Champion, Head of ..." splits; "Safety, Health and Wellbeing Manager" does not.
    if (ROLE_HEADS.test(piece) && !/^assistant director$/i.test(out[out.length - 1] ?? '')) out.push(piece);
    else out[out.length - 1] = `${out[out.length - 1]}, ${piece}`;
  }
  return out;
}

function splitAtAnd(part: string): string[] {
  // Odd entries are the separators (" and ", " & "), kept so a role keeps its own spelling.
  const pieces = part.split(/(\s+(?:and|&)\s+)/i);
  for (let i = 2; i < pieces.length; i += 2) {
    const left = pieces.slice(0, i - 1).join('');
    const right = pieces.slice(i).join('');
    const rightIsRole = isWholeRole(right) || ROLE_HEADS.test(right);
    const leftIsRole =
      isWholeRole(left) ||
      (ROLE_HEADS.test(right) && left.split(' ').length >= 2 && !/\b(of|for|in)$/i.test(left));
    if (leftIsRole && rightIsRole) return [left, ...splitAtAnd(right)];
  }
  return [part];
}

/** True when text reads as a whole job role: it ends with a role word or starts "Head of ...". */
export function isWholeRole(text: string): boolean {
  const bare = text.replace(/\([^)]*\)/g, '').trim();
  const last = bare.split(/\s+/).pop()?.toLowerCase() ?? '';
  return ROLE_ENDINGS.has(last) || ROLE_STARTS.test(bare);
}

/** Words a new role starts with inside a run of roles: "... Health Head of HR", "... HR Chief Executive". */
const NEXT_ROLE =
  /^(?:Head|Heads|Director|Directors|Chief|Chair|Assistant Director|Deputy Director|Deputy Chief|Cabinet Member|Lead Member|Portfolio Holder)\b/;
/** Words that qualify the role word after them ("Executive Director", "Interim Head"): no split there. */
const QUALIFIERS =
  /^(?:executive|assistant|deputy|interim|acting|senior|strategic|corporate|managing|joint|associate|operational|service|divisional|regional|medical|nursing|clinical|finance|programme|area|group|the|of|and|for|in|to|&)$/i;

/**
 * Splits roles written one after another without separators, in mixed case: "Director of Public
 * Health Head of HR Chief Executive" is three roles. A new role starts at Head/Director/Chief/...
 * only where the words before it read as a whole role ("Director of Public Health", "HR Manager").
 */
export function splitRoleRun(text: string): string[] {
  const words = text.split(' ');
  for (let i = 2; i < words.length; i++) {
    const rest = words.slice(i).join(' ');
    const left = words.slice(0, i).join(' ');
    const before = words[i - 1] ?? '';
    const chiefExecutive = /^executive$/i.test(before) && /^chief$/i.test(words[i - 2] ?? '');
    if (!NEXT_ROLE.test(rest) || (QUALIFIERS.test(before) && !chiefExecutive)) continue;
    if (!/^[A-Z]/.test(before) && !/\)$/.test(before)) continue;
    if (isWholeRole(left) || ROLE_STARTS.test(left)) return [left, ...splitRoleRun(rest)];
  }
  return [text];
}
