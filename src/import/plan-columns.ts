/** What a column of a plan table holds. */
export type ColumnRole =
  | 'ref'
  | 'theme'
  | 'action'
  | 'description'
  | 'issue'
  | 'owner'
  | 'due'
  | 'status'
  | 'success'
  | 'metrics'
  | 'update';

/** Header names per role, matched case-insensitively, ignoring punctuation and "(...)" asides. */
const SYNONYMS: readonly (readonly [ColumnRole, readonly string[]])[] = [
  ['ref', ['ref', 'reference', 'id', 'no', 'number', 'action no', 'action number', 'action ref']],
  [
    'theme',
    ['theme', 'themes', 'objective', 'objectives', 'commitment', 'priority', 'priorities', 'section'],
  ],
  [
    'action',
    [
      'action',
      'action to be taken',
      'actions',
      'title',
      'what we will do',
      'action title',
      'action description',
    ],
  ],
  ['description', ['description', 'aim', 'aims', 'details', 'detail']],
  ['issue', ['issue', 'issues', 'issue identified', 'background', 'rationale']],
  [
    'owner',
    [
      'owner',
      'owners',
      'lead',
      'leads',
      'by whom',
      'responsible',
      'lead officer',
      'lead s',
      'lead officer s',
      'responsible officer',
    ],
  ],
  [
    'due',
    [
      'due',
      'by when',
      'timeframe',
      'deadline',
      'timescale',
      'timescales',
      'due date',
      'target date',
      'timescales for completion',
      'completion date',
      'target completion date',
      'completion',
    ],
  ],
  ['status', ['status', 'rag', 'ragc', 'rag status', 'brag', 'ragc status']],
  [
    'success',
    [
      'success measure',
      'success measures',
      'what does success look like',
      'how will performance be measured',
      'outcomes',
      'outcome',
      'measures',
      'measure',
      'measures of success',
      'success criteria',
    ],
  ],
  ['metrics', ['metrics', 'metric', 'wres metric', 'wres metrics']],
  [
    'update',
    [
      'update',
      'progress',
      'position',
      'latest update',
      'progress update',
      'progress updates',
      'progress to date',
      'comments',
    ],
  ],
];

const ACTION_NAMES = SYNONYMS.find(([role]) => role === 'action')?.[1] ?? [];

/** Lower-cased words of a header cell, without asides in brackets or punctuation. */
export function normaliseHeader(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The role a header cell names, or null. "Autumn Update" and "Position – May 2022" are updates. */
export function matchColumn(cell: string): ColumnRole | null {
  const name = normaliseHeader(cell);
  if (!name) return null;
  for (const [role, names] of SYNONYMS) if (names.includes(name)) return role;
  for (const [role, names] of SYNONYMS) {
    if (names.some((n) => name.startsWith(`${n} `))) return role;
  }
  // Progress columns are often named after the round: "Autumn Update", "Q2 progress".
  if (/ (update|progress)$/.test(name)) return 'update';
  return null;
}

/** Column positions by role; several update columns are kept in order (the last is the latest). */
export type ColumnMap = Partial<Record<Exclude<ColumnRole, 'update'>, number>> & { update: number[] };

/**
 * Reads a header row; null unless one cell is exactly an action column's name ("Action", "Action to
 * be taken") and another names a known column. Rows with a bare number (contents pages) are not headers.
 */
export function readHeader(cells: readonly string[]): ColumnMap | null {
  if (cells.some((c) => /^\s*\d+\s*$/.test(c))) return null;
  if (!cells.some((c) => ACTION_NAMES.includes(normaliseHeader(c)))) return null;
  const map: ColumnMap = { update: [] };
  let known = 0;
  cells.forEach((cell, index) => {
    const role = matchColumn(cell);
    if (!role) return;
    if (role === 'update') map.update.push(index);
    else if (map[role] === undefined) map[role] = index;
    else return;
    known++;
  });
  return map.action !== undefined && known >= 2 ? map : null;
}
