import { parsePlanCode } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import { countDateWords, parseTypedDate } from '../../domain/typed-date.ts';
import { defineCommand } from '../command.ts';
import { createPlanReport, REPORT_FORMATS, type ReportFormat, type ReportSince } from '../plan-report.ts';
import { createErrorReply, createReply } from '../reply.ts';

type ReportRequest = { plan: string | null; format: ReportFormat; since: ReportSince | null };

const FORMAT_WORDS: Record<string, ReportFormat> = {
  html: 'html',
  md: 'md',
  markdown: 'md',
  csv: 'csv',
  docx: 'docx',
  word: 'docx',
};

/** `report [plan <code>] [since <date>|since last committee] [html|md|csv|docx]`: a plan's report as a file. */
export const reportCommand = defineCommand<ReportRequest>({
  name: 'report',
  summary:
    'A progress report of a plan as a file: HTML (default), Markdown, CSV or Word; since a date or the last committee.',
  usage: ['report [plan <code>] [since <dd/mm/yyyy>|since last committee] [html|md|csv|docx]'],
  parse({ args }) {
    const request: ReportRequest = { plan: null, format: 'html', since: null };
    const words = args.map((a) => a.value);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      const lower = word.toLowerCase();
      const format = FORMAT_WORDS[lower];
      if (format) request.format = format;
      else if (lower === 'since') {
        const next = (words[i + 1] ?? '').toLowerCase();
        if (next === 'last' && (words[i + 2] ?? '').toLowerCase() === 'committee') {
          request.since = { kind: 'last-committee' };
          i += 2;
          continue;
        }
        const count = countDateWords(words, i + 1);
        const day = count ? parseTypedDate(words.slice(i + 1, i + 1 + count).join(' ')) : null;
        if (!day)
          return {
            ok: false,
            error: next
              ? `"${truncate(words[i + 1] ?? '')}" is not a date: say since 15/09/2026 or since last committee.`
              : 'since takes a date, like since 15/09/2026, or since last committee.',
          };
        request.since = { kind: 'day', day };
        i += count;
      } else if (lower === 'plan') {
        const code = parsePlanCode(words[++i] ?? '');
        if (!code) return { ok: false, error: 'plan takes a plan code, like "plan ARAP".' };
        request.plan = code;
      } else if (parsePlanCode(word) && !request.plan) request.plan = parsePlanCode(word);
      else
        return {
          ok: false,
          error: `report doesn't know "${truncate(word)}": give a plan code, since <date> and ${REPORT_FORMATS.join(', ')}.`,
        };
    }
    return { ok: true, value: request };
  },
  async run(request, ctx) {
    const report = await createPlanReport(ctx.store, ctx.clock, {
      code: request.plan,
      format: request.format,
      since: request.since,
      documents: ctx.documents,
    });
    if (!report.ok) return createErrorReply(report.error);
    const { name, mediaType, content, summary, encoding } = report;
    return createReply({
      type: 'file',
      name,
      mediaType,
      content,
      summary,
      ...(encoding ? { encoding } : {}),
    });
  },
});
