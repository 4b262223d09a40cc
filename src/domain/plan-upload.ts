import type { PlanFile } from './plan-file.ts';

/** The largest plan file read, from disk or from chat: 5 MB (a 2,000-action plan in Word is under 1 MB). */
export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

/** A file someone handed the bot in chat, downloaded: its name (which says its format) and bytes. */
export type UploadedFile = { name: string; bytes: Uint8Array };

/** A download's answer: the file, or one sentence saying why it could not be had. */
export type FileDownload = { ok: true; file: UploadedFile } | { ok: false; error: string };

/**
 * A chat platform's file store, implemented by each front door: `ref` is the file as the upload named
 * it (a Slack file id; a Teams download URL with the file name after `#`).
 */
export type UploadSource = { download(ref: string): Promise<FileDownload> };

/**
 * A plan file read for import: the plan, the notes on what was guessed (with their line, sheet/row
 * or page), and a digest of the bytes, so an import can insist on the very file that was previewed.
 */
export type ReadUpload =
  | { ok: true; plan: PlanFile; notes: string[]; digest: string }
  | { ok: false; error: string };

/** Reads an uploaded file as a plan; `code` names the plan when the file cannot (Word, Excel, PDF, CSV). */
export type PlanFileReader = { read(file: UploadedFile, code: string | undefined): Promise<ReadUpload> };

/** What importing a chat upload needs: the platform's file store and the plan file reader. */
export type PlanUploads = { source: UploadSource; reader: PlanFileReader };
