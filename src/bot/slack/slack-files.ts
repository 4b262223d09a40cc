import type { webApi } from '@slack/bolt';
import { MAX_PLAN_FILE_BYTES, type UploadSource } from '../../domain/plan-upload.ts';
import { readCapped } from '../read-capped.ts';

const FILE_ID = /^F[A-Z0-9]{2,24}$/;
const AGAIN = 'upload the plan file to me again in a direct message';

/**
 * Files uploaded to the bot in Slack: files.info (files:read) says the name, size and private URL;
 * the bytes come from `url_private_download` with the bot token in the Authorization header, as Slack
 * requires. A file over 5 MB is refused from its size, before any download.
 */
export function createSlackFiles(client: webApi.WebClient, botToken: string): UploadSource {
  return {
    async download(ref) {
      if (!FILE_ID.test(ref)) return { ok: false, error: `That is not a Slack file: ${AGAIN}.` };
      const info = await client.files.info({ file: ref }).catch(() => null);
      const file = info?.file;
      const url = file?.url_private_download ?? file?.url_private;
      if (!file?.name || !url) return { ok: false, error: `I cannot see that file in Slack: ${AGAIN}.` };
      const size = file.size ?? 0;
      if (size > MAX_PLAN_FILE_BYTES)
        return {
          ok: false,
          error: `${file.name} is ${(size / 1024 / 1024).toFixed(0)} MB; plans are read up to 5 MB. Is it the right file?`,
        };
      // Slack answers a download without the token (or with a wrong one) with its sign-in page, not an error.
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${botToken}` },
        redirect: 'manual',
      });
      const type = response.headers.get('content-type') ?? '';
      if (response.status !== 200 || (type.includes('text/html') && !/\.html?$/i.test(file.name))) {
        await response.body?.cancel();
        return { ok: false, error: `Slack did not hand ${file.name} over: ${AGAIN}.` };
      }
      const bytes = await readCapped(response, MAX_PLAN_FILE_BYTES);
      if (!bytes)
        return {
          ok: false,
          error: `${file.name} is over 5 MB; plans are read up to 5 MB. Is it the right file?`,
        };
      return { ok: true, file: { name: file.name, bytes } };
    },
  };
}
