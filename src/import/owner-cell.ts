import { isWholeRole, ROLE_HEADS, splitOwnerRoles, splitRoleRun } from './owner-roles.ts';

/**
 * Labels an owner cell may put before a role ("SRO: Director of Public Health", "Implementation
 * lead/s:"). Owners are role names only in the plan file, so the label is dropped and the note says so.
 */
const LABEL =
  /(?:^|(?<=\s))(SRO|senior responsible (?:officer|owner)|(?:executive|exec|implementation|accountable|responsible|delivery|operational|strategic|named|lead)\s+(?:lead\/s|leads?|officers?|owners?|directors?|managers?)|lead\/s|leads?|owners?|sponsor|responsible|accountable)\s*:/gi;

/**
 * Role head words: a role ends with one of these and a new role may start right after it, as in
 * "Chief Exec Directors Trust Board Elected Members" (four roles). Kept small on purpose: singular
 * "Director" or "Manager" often starts a longer role ("Director Public Health"), so they are not here.
 */
const HEAD_WORDS = new Set(
  'exec board committee directors members managers officers leaders governors councillors team group'.split(
    ' ',
  ),
);
/** Words that continue the role before them ("Board Chair", "Team Leader"): no split before these. */
const CONTINUES = new Set(
  'chair chairs member members secretary officer officers lead leads leader leaders manager managers administrator coordinator co-ordinator support office'.split(
    ' ',
  ),
);
const CONNECTIVE_END = /(?:\b(?:and|of|for|in|the|to|with)|[&,/-])$/i;

/** An email address in an owner cell ("Head of HR (jane@council.example)", "Head of HR - jane@..."). */
const EMAIL = /[^\s<>()[\],;:'"]+@[^\s<>()[\],;:'"]+\.[a-z]{2,}/i;

/**
 * An owner cell read into roles, with a sentence per guess (labels dropped, roles split by words), and
 * the people it names by email for a role (`emails`), who then hold that role.
 */
export type OwnerCell = { roles: string[]; emails: { role: string; email: string }[]; guesses: string[] };

/**
 * Reads an owner cell: labelled parts ("SRO: ..."; a label with nothing after it names no owner),
 * one role per line (a line that cannot stand alone joins the one before), the separators of
 * {@link splitOwnerRoles}, " / ", and runs of capitalised role words split at role head words.
 */
export function readOwnerCell(cell: string): OwnerCell {
  const guesses: string[] = [];
  const parts = splitLabels(cell);
  const empty = parts.filter((p) => p.label && !p.value.trim()).map((p) => p.label);
  const labelled = parts.filter((p) => p.label && p.value.trim()).map((p) => p.label);
  if (empty.length > 0)
    guesses.push(
      `owner label${empty.length > 1 ? 's' : ''} ${quoteList(empty)} with nothing after: no owner read there`,
    );
  if (labelled.length > 0)
    guesses.push(
      `owner label${labelled.length > 1 ? 's' : ''} ${quoteList(labelled)} dropped: owners are role names`,
    );
  const roles: string[] = [];
  const emails: OwnerCell['emails'] = [];
  for (const part of parts)
    for (const line of joinLines(part.value))
      for (const piece of line.split(/\s+\/\s+/).flatMap(splitOwnerRoles)) {
        const email = EMAIL.exec(piece)?.[0];
        if (email) {
          const role = piece
            .replace(email, ' ')
            .replace(/[()<>[\]]/g, ' ')
            .replace(/^[\s\-–:,]+|[\s\-–:,]+$/g, '')
            .replace(/\s+/g, ' ');
          if (role) {
            roles.push(role);
            emails.push({ role, email: email.toLowerCase() });
            guesses.push(`"${piece}" read as role "${role}", held by ${email.toLowerCase()}`);
          } else guesses.push(`${email} names no role: not mapped to one`);
          continue;
        }
        const split = splitRoleRun(piece).flatMap(splitAtHeadWords);
        if (split.length > 1) guesses.push(`"${piece}" read as ${split.length} roles: ${split.join('; ')}`);
        roles.push(...split);
      }
  return { roles: roles.filter((r, i) => roles.indexOf(r) === i), emails, guesses };
}

function quoteList(items: string[]): string {
  return items.map((i) => `"${i}:"`).join(', ');
}

function splitLabels(cell: string): { label: string; value: string }[] {
  const parts: { label: string; value: string }[] = [];
  let at = 0;
  let label = '';
  for (const m of cell.matchAll(LABEL)) {
    const before = cell.slice(at, m.index);
    if (label || before.trim()) parts.push({ label, value: before });
    label = m[1] ?? '';
    at = m.index + m[0].length;
  }
  parts.push({ label, value: cell.slice(at) });
  return parts;
}

// "Head of People\nServices" is one role; "Chief Executive\nDirector of Finance" is two.
function joinLines(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split('\n')) {
    const bullet = /^\s*-\s+/.test(raw);
    const line = raw.replace(/^\s*-\s+/, '').trim();
    if (!line) continue;
    const prev = out[out.length - 1];
    const standsAlone = bullet || ((isWholeRole(line) || ROLE_HEADS.test(line)) && !/^[a-z&]/.test(line));
    if (prev !== undefined && !(standsAlone && (isWholeRole(prev) || bullet) && !CONNECTIVE_END.test(prev)))
      out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

// Only runs of capitalised words with no "of"/"and" are split: "Head of Service Managers" is not.
function splitAtHeadWords(role: string): string[] {
  const words = role.split(' ');
  if (words.length < 3 || !words.every((w) => /^[A-Z0-9(]/.test(w))) return [role];
  const out: string[][] = [[]];
  words.forEach((word, i) => {
    out[out.length - 1]?.push(word);
    const lower = word.toLowerCase();
    const head = HEAD_WORDS.has(lower) || (lower === 'executive' && words[i - 1]?.toLowerCase() === 'chief');
    const next = words[i + 1]?.toLowerCase();
    if (head && next && !CONTINUES.has(next)) out.push([]);
  });
  return out.filter((w) => w.length > 0).map((w) => w.join(' '));
}
