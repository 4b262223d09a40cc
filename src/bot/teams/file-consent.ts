import type { Attachment } from 'botbuilder';
import type { Block } from '../../commands/reply.ts';
import { truncate } from '../../domain/format.ts';
import { fileBytes } from '../file-bytes.ts';
import { SUBMIT_KEY } from './card-submit.ts';

// Files in a Teams personal chat: the bot asks to upload (a file consent card); once the person
// accepts, Teams gives an upload session in their OneDrive, the bot PUTs the file there and shows it
// with a file info card. Teams offers this in personal chats only, and with `supportsFiles` in the manifest.

/** The invoke Teams sends when a file consent card is accepted or declined. */
export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';

/** What a consent card carries back: the command whose file it is, run again on accept. */
type ConsentContext = { [SUBMIT_KEY]: 'file'; command: string };

/** A file consent card for a reply's file; `command` is the text that made it (run again on accept). */
export function toFileConsentCard(file: Extract<Block, { type: 'file' }>, command: string): Attachment {
  const context: ConsentContext = { [SUBMIT_KEY]: 'file', command };
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: file.name,
    content: {
      description: truncate(file.summary, 200),
      sizeInBytes: fileBytes(file).length,
      acceptContext: context,
      declineContext: context,
    },
  };
}

/** Where an accepted file goes (Teams' upload session) and how it is shown afterwards. */
export type UploadInfo = {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
};

/** A consent card's answer: accepted (with where to upload) or declined, and the command it was for. */
export type ConsentAnswer =
  | { action: 'accept'; command: string; upload: UploadInfo }
  | { action: 'decline'; command: string };

/** Reads a `fileConsent/invoke` value; null when it is not an answer to one of our cards. */
export function readConsentAnswer(value: unknown): ConsentAnswer | null {
  const v = value as {
    action?: unknown;
    context?: Partial<ConsentContext>;
    uploadInfo?: Partial<UploadInfo>;
  };
  const command = v?.context?.[SUBMIT_KEY] === 'file' ? v.context.command : undefined;
  if (typeof command !== 'string' || !/^report\b/i.test(command.trim())) return null;
  if (v.action === 'decline') return { action: 'decline', command };
  const u = v.uploadInfo;
  if (v.action !== 'accept' || !u) return null;
  const fields = [u.name, u.uploadUrl, u.contentUrl, u.uniqueId, u.fileType];
  if (fields.some((f) => typeof f !== 'string' || !f)) return null;
  return { action: 'accept', command, upload: u as UploadInfo };
}

/** Uploads the whole file to Teams' upload session in one PUT, its byte range given. */
export async function uploadFile(uploadUrl: string, body: Buffer): Promise<void> {
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: {
      'content-length': String(body.length),
      'content-range': `bytes 0-${body.length - 1}/${body.length}`,
    },
    body: new Uint8Array(body),
  });
  if (!response.ok) throw new Error(`file upload answered ${response.status}`);
}

/** The card that shows an uploaded file in the chat. */
export function toFileInfoCard(upload: UploadInfo): Attachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.info',
    contentUrl: upload.contentUrl,
    name: upload.name,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType },
  };
}
