import { createTableState, type TableState } from './add-table-row.ts';
import type { ColumnMap } from './plan-columns.ts';
import type { DraftAction } from './plan-draft.ts';

/** A block action ("Action 3:") being read: its number, text, and the action its fields go to. */
export type Block = {
  number: number;
  text: string[];
  action: DraftAction | null;
  reading: 'text' | 'fields' | 'progress';
};

/** The reader's state: tables share {@link TableState}; blocks and headings add their own. */
export type DocState = TableState & {
  pending: { line: number; text: string }[];
  map: ColumnMap | null;
  tablesSeen: number;
  blanks: number;
  block: Block | null;
  expect: 'theme-title' | 'objective' | null;
  unknownRows: { from: number; to: number } | null;
  /** A row holding only a short unnumbered line, kept until the next line says if it is a heading. */
  held: { cells: string[]; line: number; afterGap: boolean } | null;
};

/** A document reader's state before its first line. */
export function createDocState(): DocState {
  return {
    ...createTableState(),
    pending: [],
    map: null,
    tablesSeen: 0,
    blanks: 0,
    block: null,
    expect: null,
    unknownRows: null,
    held: null,
  };
}
