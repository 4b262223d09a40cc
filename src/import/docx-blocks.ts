import type { parseDocument } from 'htmlparser2';

// mammoth turns a Word document into plain HTML: p, h1-h6, ul/ol/li, table/tr/td (with colspan and
// rowspan for merged cells), strong/em/a inside. This reads that HTML, parsed by htmlparser2 (the
// parser cell text uses too; loaded by the caller, only when a .docx is imported), into the blocks a
// plan is recovered from.

/** A paragraph or heading outside tables, or one row of a table; `line` counts blocks from 1. */
export type DocxBlock =
  | { kind: 'text'; line: number; text: string; heading: boolean }
  | { kind: 'row'; line: number; table: number; cells: string[]; merged?: number[]; wide?: boolean };

type Root = ReturnType<typeof parseDocument>;
type Node = Root['children'][number];
type Element = Extract<Node, { attribs: unknown }>;
const isElement = (node: Node): node is Element => node.nodeType === 1;
const tagOf = (node: Node) => (isElement(node) ? node.name.toLowerCase() : '');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
/** A node's text, entities already decoded by the parser. */
const textOf = (node: Node): string =>
  node.nodeType === 3 && 'data' in node
    ? node.data
    : 'children' in node
      ? node.children.map(textOf).join('')
      : '';

/** The blocks of a document's HTML, in order; lists become one text block per item. */
export function readDocxBlocks(root: Root): DocxBlock[] {
  const blocks: DocxBlock[] = [];
  let tables = 0;
  const addText = (text: string, heading = false) => {
    if (text.trim()) blocks.push({ kind: 'text', line: blocks.length + 1, text, heading });
  };
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === 'table') {
        const table = ++tables;
        for (const { cells, merged, wide } of readTableRows(node as Element))
          blocks.push({
            kind: 'row',
            line: blocks.length + 1,
            table,
            cells,
            ...(merged.length ? { merged } : {}),
            ...(wide ? { wide } : {}),
          });
      } else if (tag === 'ul' || tag === 'ol') for (const item of listLines(node as Element)) addText(item);
      else if (/^h[1-6]$/.test(tag)) addText(squash(textOf(node)), true);
      else if (tag === 'p') addText(squash(textOf(node)), allBold(node as Element));
      else if (!isElement(node)) addText(squash(textOf(node)));
      else walk(node.children);
    }
  };
  walk(root.children);
  return blocks;
}

/** A paragraph whose text is all bold (`<strong>`): a heading typed without a Heading style. */
function allBold(node: Element): boolean {
  const plain = (n: Node): boolean =>
    tagOf(n) === 'strong' || tagOf(n) === 'b'
      ? false
      : n.nodeType === 3
        ? textOf(n).trim() !== ''
        : 'children' in n && n.children.some(plain);
  return squash(textOf(node)) !== '' && !plain(node);
}

/** List items as lines: "- item" for bullets, "1. item" for numbered lists; nested lists indented. */
function listLines(list: Element, depth = 0): string[] {
  const numbered = tagOf(list) === 'ol';
  const items = list.children.filter((n) => tagOf(n) === 'li') as Element[];
  return items.flatMap((item, i) => {
    const nested = item.children.filter((n) => tagOf(n) === 'ul' || tagOf(n) === 'ol') as Element[];
    const own = squash(
      item.children
        .filter((n) => !nested.includes(n as Element))
        .map(textOf)
        .join(' '),
    );
    const marker = numbered ? `${i + 1}.` : '-';
    const lines = own ? [`${'  '.repeat(depth)}${marker} ${own}`] : [];
    return [...lines, ...nested.flatMap((n) => listLines(n, depth + 1))];
  });
}

/** A cell's text: each paragraph and list item on its own line. */
function cellText(cell: Element): string {
  const lines: string[] = [];
  for (const node of cell.children) {
    const tag = tagOf(node);
    if (tag === 'ul' || tag === 'ol') lines.push(...listLines(node as Element));
    else if (tag === 'table') lines.push(...readTableRows(node as Element).map((r) => r.cells.join(' ')));
    else lines.push(squash(textOf(node)));
  }
  return lines.filter(Boolean).join('\n');
}

/**
 * The rows of a table as cells in column order. A merged cell's text is given to every row it spans
 * (an owner merged down three actions owns all three); the columns it spans across are left empty.
 * `merged` names the columns whose text came down from a row above.
 */
function readTableRows(table: Element): { cells: string[]; merged: number[]; wide: boolean }[] {
  const rows = table.children.flatMap((n) =>
    tagOf(n) === 'tr' ? [n as Element] : ['thead', 'tbody', 'tfoot'].includes(tagOf(n)) ? childRows(n) : [],
  );
  const carried: ({ text: string; left: number } | undefined)[] = [];
  return rows.map((row) => {
    const cells: string[] = [];
    const merged: number[] = [];
    let column = 0;
    const own = row.children.filter((n) => tagOf(n) === 'td' || tagOf(n) === 'th') as Element[];
    // One cell merged across two or more columns, the whole row: a heading row.
    const wide = own.length === 1 && Number(own[0]?.attribs.colspan ?? 1) > 1;
    const takeCarried = () => {
      for (let c = carried[column]; c && c.left > 0; c = carried[column]) {
        if (c.text.trim()) merged.push(column);
        cells[column++] = c.text;
        c.left--;
      }
    };
    for (const cell of own) {
      takeCarried();
      const text = cellText(cell);
      const across = Math.max(1, Number(cell.attribs.colspan ?? 1) || 1);
      const down = Math.max(1, Number(cell.attribs.rowspan ?? 1) || 1);
      for (let k = 0; k < across; k++) {
        cells[column + k] = k === 0 ? text : '';
        carried[column + k] = down > 1 ? { text: k === 0 ? text : '', left: down - 1 } : undefined;
      }
      column += across;
    }
    while (column < carried.length) {
      if (carried[column]?.left) takeCarried();
      else cells[column++] ??= '';
    }
    return { cells: Array.from(cells, (c) => c ?? ''), merged, wide: wide && merged.length === 0 };
  });
}

function childRows(section: Node): Element[] {
  if (!isElement(section)) return [];
  return section.children.filter((n) => tagOf(n) === 'tr') as Element[];
}
