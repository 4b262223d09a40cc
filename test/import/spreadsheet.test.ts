import { describe, expect, it } from 'vitest';
import { parseImportText } from '../../src/import/read-import-file.ts';
import { EXCEL_CSV } from '../support/import-fixtures.ts';

function read(text: string, format: 'csv' | 'tsv' | 'document' = 'csv') {
  const result = parseImportText(text, format, { code: 'SHEET' });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

describe('spreadsheet import (CSV and TSV)', () => {
  it('reads an Excel CSV with quoted multi-line cells, synonyms for the headers and numbered missing refs', () => {
    const { plan, problems } = read(EXCEL_CSV);
    expect(plan.themes.map((t) => [t.ref, t.title, t.actions.map((a) => a.ref)])).toEqual([
      ['1', 'Leadership', ['1.1', '1.2']],
      ['2', 'Recruitment', ['2.1', '2.5']],
    ]);
    const [first, second] = plan.themes[0]?.actions ?? [];
    expect(first).toMatchObject({
      title: 'Appoint a race equality champion, with a deputy',
      owners: ['Chief Executive'],
      due: 'March 24',
      status: 'green',
      successMeasure: 'Champion named',
      latestUpdate: 'Champion appointed in May.\nDeputy to follow.',
    });
    expect(second).toMatchObject({
      title: 'Publish the "Our Voice" survey results',
      owners: ['Head of People Services', 'Reward and Analytics Manager'],
      status: 'amber',
      latestUpdate: undefined,
    });
    expect(plan.themes[1]?.actions[0]?.owners).toEqual(['HR Manager', 'Principal Social Worker']);
    expect(plan.themes[1]?.actions[1]).toMatchObject({ status: 'red', due: '31/03/2025' });
    expect(problems).toEqual([]);
  });

  it('reads TSV, and reports statuses it does not know by line', () => {
    const tsv =
      'Ref\tObjective\tActions\tBy whom\tBy when\tRAG\tProgress\n1.1\tOne\tDo it\tDirector\tMay 24\tIn progress\tStarted\n';
    const { plan, problems } = read(tsv, 'tsv');
    expect(plan.themes[0]?.actions[0]).toMatchObject({
      ref: '1.1',
      status: undefined,
      latestUpdate: 'Started',
    });
    expect(problems).toEqual([
      { line: 2, message: 'status "In progress" is not red, amber, green or complete; left unrated' },
    ]);
  });

  it('takes the header from below title rows, and the title from the first of them', () => {
    const csv = 'Riverside Anti-Racist Action Plan,,\n,,\nAction,Owner,Due\nDo it,Director,May 24\n';
    expect(read(csv).plan).toMatchObject({
      title: 'Riverside Anti-Racist Action Plan',
      themes: [{ title: 'Actions' }],
    });
  });

  it('refuses the same ref twice, keeping the first and saying where', () => {
    const { plan, problems } = read('Ref,Action,Owner\n1.1,First,Director\n1.1,Second,Director\n');
    expect(plan.themes[0]?.actions.map((a) => a.title)).toEqual(['First']);
    expect(problems).toEqual([{ line: 3, message: 'action 1.1 appears twice; only the first is kept' }]);
  });

  it('fails with a clear message when no header row can be recognised, or a quote never closes', () => {
    expect(parseImportText('name,age\nJane,40\n', 'csv', { code: 'X1' })).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /^no recognisable header row: expected columns such as .*line 1 reads "name, age"/,
        ),
      ],
    });
    expect(parseImportText('Action,Owner\n"Do it,Director\n', 'csv', { code: 'X1' })).toEqual({
      ok: false,
      errors: ['line 2: a quoted field is never closed'],
    });
  });

  it('needs a plan code for spreadsheets and documents, and says so', () => {
    expect(parseImportText('Action,Owner\nDo it,Director\n', 'csv', {})).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('--plan CODE is needed')],
    });
  });
});
