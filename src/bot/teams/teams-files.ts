import type { Activity } from 'botbuilder';
import { PLAN_CODE_PATTERN } from '../../domain/codes.ts';
import { MAX_PLAN_FILE_BYTES, type UploadSource } from '../../domain/plan-upload.ts';
import { readCapped } from '../read-capped.ts';
import { readCommandText } from './teams-activity.ts';

/** The attachment Teams hands a bot for a file sent in a personal chat (the app has `supportsFiles`). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const AGAIN = 'send the plan file to me again (its download link lasts a short while)';
/** A file Teams gave only as a link to where it is kept (no download link): `import link:<name>`. */
const LINK = 'link:';
const PLAN_NAME = /\.(?:docx|xlsx|xlsm|pdf|csv|tsv|txt|md|ya?ml|json)$/i;

/**
 * The command a file sent in a personal chat stands for: `import <downloadUrl>#<name> [as CODE]`
 * (the message's text, when it is a plan code, names the plan); null when the message carries no file.
 */
export function readUploadCommand(activity: Activity): string | null {
  if (activity.conversation?.conversationType && activity.conversation.conversationType !== 'personal')
    return null;
  const file = activity.attachments?.find((a) => a.contentType === FILE_DOWNLOAD_INFO);
  const url = (file?.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
  const typed = readCommandText(activity).text.trim().toUpperCase();
  const code = PLAN_CODE_PATTERN.test(typed) ? ` as ${typed}` : '';
  if (!file?.name || typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
    // A plan file sent as a link to a shared file (a contentUrl, no downloadUrl): said, not ignored.
    const linked = activity.attachments?.find((a) => a.contentUrl && a.name && PLAN_NAME.test(a.name));
    return linked?.name ? `import ${LINK}${encodeURIComponent(linked.name)}${code}` : null;
  }
  return `import ${url.split('#')[0]}#${encodeURIComponent(file.name)}${code}`;
}

/**
 * Where Teams keeps files sent to a bot: OneDrive for Business and SharePoint, in each Microsoft
 * cloud. A reference anywhere else is refused, so nobody can make the bot fetch an address of their
 * choosing (the command can be typed, and a card's data comes from the client).
 */
const FILE_HOST = /^[a-z0-9-]+\.sharepoint(?:\.com|\.us|-mil\.us|\.cn|\.de)$/i;

/** Whether `url` is one a Teams file attachment could carry (any host on the loopback emulator). */
export function isTeamsFileUrl(url: string, anyHost = false): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  if (anyHost) return protocol === 'https:' || protocol === 'http:';
  return protocol === 'https:' && FILE_HOST.test(hostname);
}

/**
 * Files sent to the bot in Teams: the attachment's `downloadUrl` is pre-authorised (OneDrive or
 * SharePoint), so it is fetched with no credentials of ours, read up to 5 MB and no further, and
 * only from those hosts (`anyFileHost`: the loopback emulator, whose files are served locally).
 */
export function createTeamsFiles(options: { anyFileHost?: boolean } = {}): UploadSource {
  return {
    async download(ref) {
      if (ref.startsWith(LINK))
        return {
          ok: false,
          error: `${safeDecode(ref.slice(LINK.length)) || 'That file'} came as a link to a shared file, which I cannot open: attach the file itself (Attach, then Upload from this device) in our chat.`,
        };
      const hash = ref.indexOf('#');
      const url = hash > 0 ? ref.slice(0, hash) : '';
      const name = hash > 0 ? safeDecode(ref.slice(hash + 1)) : '';
      if (!isTeamsFileUrl(url, options.anyFileHost) || !name)
        return {
          ok: false,
          error: 'That is not a file sent in Teams: send the plan file to me in our chat.',
        };
      // No redirects: a pre-authorised link answers itself, and a redirect could leave those hosts.
      const response = await fetch(url, { redirect: 'error' }).catch(() => null);
      if (response?.status !== 200) {
        await response?.body?.cancel();
        return { ok: false, error: `Teams did not hand ${name} over: ${AGAIN}.` };
      }
      const size = Number(response.headers.get('content-length') ?? 0);
      const bytes = size > MAX_PLAN_FILE_BYTES ? null : await readCapped(response, MAX_PLAN_FILE_BYTES);
      if (!bytes) {
        await response.body?.cancel().catch(() => {});
        const mb = size > MAX_PLAN_FILE_BYTES ? `${(size / 1024 / 1024).toFixed(0)} MB` : 'over 5 MB';
        return { ok: false, error: `${name} is ${mb}; plans are read up to 5 MB. Is it the right file?` };
      }
      return { ok: true, file: { name, bytes } };
    },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return ''; // not one of our references
  }
}
