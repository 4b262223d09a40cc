import { parsePlanCode } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import { defineCommand } from '../command.ts';
import { createPlanReport, REPORT_FORMATS, type ReportFormat } from '../plan-report.ts';
import { createErrorReply, createReply } from '../reply.ts';

type ReportRequest = { plan: string | null; format: ReportFormat };

const FORMAT_WORDS: Record<string, ReportFormat> = { html: 'html', md: 'md', markdown: 'md', csv: 'csv' };

/** `report [plan <code>] [html|md|csv]`: the plan's progress report as a file. */
export const reportCommand = defineCommand<ReportRequest>({
  name: 'report',
  summary: 'A progress report of a plan as a file: HTML (default), Markdown or CSV.',
  usage: ['report [plan <code>] [html|md|csv]'],
  parse({ args }) {
    const request: ReportRequest = { plan: null, format: 'html' };
    for (let i = 0; i < args.length; i++) {
      const word = args[i]?.value ?? '';
      const format = FORMAT_WORDS[word.toLowerCase()];
      if (format) request.format = format;
      else if (word.toLowerCase() === 'plan') {
        const code = parsePlanCode(args[++i]?.value ?? '');
        if (!code) return { ok: false, error: 'plan takes a plan code, like "plan ARAP".' };
        request.plan = code;
      } else if (parsePlanCode(word) && !request.plan) request.plan = parsePlanCode(word);
      else
        return {
          ok: false,
          error: `report doesn't know "${truncate(word)}": give a plan code and ${REPORT_FORMATS.join(', ')}.`,
        };
    }
    return { ok: true, value: request };
  },
  async run(request, ctx) {
    const report = await createPlanReport(ctx.store, ctx.clock, request.plan, request.format);
    if (!report.ok) return createErrorReply(report.error);
    const { name, mediaType, content, summary } = report;
    return createReply({ type: 'file', name, mediaType, content, summary });
  },
});
