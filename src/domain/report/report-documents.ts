import type { ReportModel } from './report-model.ts';

/** Writes a report as a binary document (Word); implemented outside the domain, loading its library lazily. */
export type ReportDocuments = {
  /** The report as a .docx file's bytes: the same sections as the HTML report, a RAG table with words. */
  renderDocx(model: ReportModel): Promise<Uint8Array>;
};
