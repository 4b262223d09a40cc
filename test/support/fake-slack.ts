import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FakeSocketMode } from './fake-socket-mode.ts';
import { checkSlackMessage, checkSlackView, type SlackRefusal } from './slack-limits.ts';

/** One Web API call the bot made, with its arguments decoded (JSON-valued fields parsed). */
export type SlackCall = { method: string; args: Record<string, unknown>; token: string | undefined };

/** A profile users.info answers with. */
export type FakeSlackUser = { id: string; name: string; real_name: string; tz?: string; email?: string };

/** A canned failure for the next calls of a method, e.g. a 429 with Retry-After. */
type Failure = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
  /** Calls that succeed before the failures start. */
  after?: number;
};

/** A message as conversations.history and conversations.replies list it. */
export type FakeSlackMessage = {
  ts: string;
  text: unknown;
  blocks?: unknown;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** A person's message (a test puts it there); absent: the bot posted it. */
  user?: string;
  /** How many times chat.update changed it. */
  edits?: number;
};

/** A file someone uploaded, as files.info describes it; its bytes are served at its private URL. */
export type FakeSlackFile = { id: string; name: string; mimetype: string; bytes: Uint8Array; size?: number };

/** A call Slack refused: Block Kit limits, a used response_url, or the wrong kind of token. */
export type FakeSlackRefusal = { method: string; error: string; messages: string[] };

/**
 * A local stand-in for Slack: the Web API methods the bot uses under `/api/`, and response URLs
 * under `/response/<id>`. It records everything it receives, for tests to assert, keeps each
 * conversation's history (with message metadata), and refuses a method whose scope the app's
 * manifest (slack/manifest.yml) does not ask for, as Slack refuses it (`missing_scope`). With a
 * Socket Mode fake, `apps.connections.open` (app-level token only) answers with one of its WebSocket URLs.
 */
export type FakeSlack = {
  apiUrl: string;
  calls: SlackCall[];
  /** Bodies posted to each response URL, by id. */
  responses: Map<string, unknown[]>;
  responseUrl(id: string): string;
  /** Channels of every chat.postMessage that succeeded, in order. */
  posted: string[];
  /** File contents uploaded through files.uploadV2's upload URLs, by file id. */
  uploads: Map<string, string>;
  /** The same uploads as bytes, for binary files (a Word report). */
  uploadBytes: Map<string, Buffer>;
  users: Map<string, FakeSlackUser>;
  /**
   * Files uploaded to Slack, by id: files.info (files:read) describes them and their
   * `url_private_download` serves the bytes only with `Authorization: Bearer <the bot token>` (the
   * `botToken` option); any other request gets Slack's sign-in page (HTML, status 200), as Slack answers it.
   * `size` may claim more than the bytes (a 60 MB file without 60 MB in memory).
   */
  files: Map<string, FakeSlackFile>;
  /** Requests to the private download URLs, with the token they carried. */
  downloads: { id: string; token: string | undefined }[];
  /** Members of each channel, for conversations.members. */
  channelMembers: Map<string, string[]>;
  /** Every message posted to each conversation (channel, DM), oldest first. */
  history: Map<string, FakeSlackMessage[]>;
  /**
   * The next call of `method` after `after` answered ones is carried out (a message is posted) but
   * never answered: the bot's process can be killed after Slack accepted and before it heard so.
   */
  hangAfterAccepting(method: string, after?: number): void;
  /**
   * Payloads refused for breaking Slack's limits, as Slack would refuse them. `close()` fails the test
   * when there are any, unless the test said it expects them with `expectRefusals()`.
   */
  refusals: FakeSlackRefusal[];
  expectRefusals(): void;
  failNext(method: string, failure: Omit<Failure, 'times'>, times?: number): void;
  /** The same, after `after` calls of the method succeed. */
  failAfter(method: string, after: number, failure: Omit<Failure, 'times' | 'after'>, times?: number): void;
  callsOf(method: string): SlackCall[];
  close(): Promise<void>;
};

const JSON_FIELDS = new Set(['view', 'blocks', 'attachments', 'metadata']);
const MANIFEST = path.resolve(import.meta.dirname, '../../slack/manifest.yml');

/** The scope a Web API call needs: by method, and for conversations by the kind its id says (C, G, D). */
function scopeFor(method: string, args: Record<string, unknown>): string | null {
  const kind = ({ C: 'channels', G: 'groups', D: 'im' } as const)[String(args.channel ?? 'C')[0] as 'C'];
  switch (method) {
    case 'chat.postMessage':
    case 'chat.postEphemeral':
    case 'chat.update':
      return 'chat:write';
    case 'conversations.open':
      return 'im:write';
    case 'users.info':
      return 'users:read';
    case 'users.lookupByEmail':
      return 'users:read.email';
    case 'conversations.members':
      return `${kind ?? 'channels'}:read`;
    case 'conversations.history':
    case 'conversations.replies':
      return `${kind ?? 'channels'}:history`;
    case 'files.getUploadURLExternal':
    case 'files.completeUploadExternal':
      return 'files:write';
    case 'files.info':
      return 'files:read';
    default:
      return null;
  }
}
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);
// Slack accepts five posts to one response_url (within 30 minutes).
const RESPONSE_URL_USES = 5;

/** Slack's rate limits on chat.postMessage, played for benchmarks: a global budget and 1/s per conversation. */
export type FakeSlackLimits = {
  /** Messages per second across the workspace (token bucket), and how many may burst. */
  perSecond: number;
  burst: number;
  /** Every Nth Web API call answers 500 (a transient failure). */
  failEvery?: number;
};

export async function startFakeSlack(
  limits?: FakeSlackLimits,
  options: {
    scopes?: readonly string[];
    socketMode?: Pick<FakeSocketMode, 'issueUrl'>;
    /** The only token the private file downloads accept. */
    botToken?: string;
  } = {},
): Promise<FakeSlack> {
  const scopes = new Set(
    options.scopes ?? (parseYaml(fs.readFileSync(MANIFEST, 'utf8')).oauth_config.scopes.bot as string[]),
  );
  const history = new Map<string, FakeSlackMessage[]>();
  const hanging = new Map<string, number>();
  const threadOf = (m: FakeSlackMessage) => m.thread_ts ?? m.ts;
  const listed = (messages: FakeSlackMessage[], args: Record<string, unknown>) => {
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const limit = Math.min(Number(args.limit ?? 100), 999);
    return messages.slice(0, limit).map(({ metadata, ...m }) => ({
      type: 'message',
      bot_id: 'BBOT',
      ...m,
      ...(withMetadata && metadata ? { metadata } : {}),
    }));
  };
  const calls: SlackCall[] = [];
  const responses = new Map<string, unknown[]>();
  const users = new Map<string, FakeSlackUser>();
  const channelMembers = new Map<string, string[]>();
  const failures = new Map<string, Failure>();
  const posted: string[] = [];
  const uploads = new Map<string, string>();
  const files = new Map<string, FakeSlackFile>();
  const downloads: FakeSlack['downloads'] = [];
  const uploadBytes = new Map<string, Buffer>();
  let base = '';
  let ts = 1_700_000_000;
  let tokens = limits?.burst ?? 0;
  let refilledAt = performance.now();
  const lastPostTo = new Map<string, number>();
  let callCount = 0;
  const refusals: FakeSlackRefusal[] = [];
  let refusalsExpected = false;
  /** Slack's own checks on what the bot sends: null when the payload is acceptable. */
  const refuse = (method: string, args: Record<string, unknown>): SlackRefusal | null => {
    const refusal = VIEW_METHODS.has(method)
      ? checkSlackView(args.view)
      : MESSAGE_METHODS.has(method)
        ? checkSlackMessage(args)
        : null;
    if (refusal) refusals.push({ method, ...refusal });
    return refusal;
  };

  /**
   * Slack's token rules: an app-level token (xapp-) only for apps.connections.open, sent in the
   * Authorization header (Slack refuses it as a form field), and never a bot token there.
   */
  const refuseToken = (method: string, header: string | undefined): FakeSlackRefusal | null => {
    const appToken = header?.startsWith('Bearer xapp-') ?? false;
    const connecting = method === 'apps.connections.open';
    let problem: [error: string, message: string] | null = null;
    if (connecting && !header)
      problem = ['not_authed', 'the app-level token goes in the Authorization header'];
    else if (connecting && !appToken)
      problem = ['not_allowed_token_type', 'needs an app-level token (xapp-)'];
    else if (!connecting && appToken)
      problem = ['not_allowed_token_type', 'not a method for app-level tokens'];
    if (!problem) return null;
    const refusal = { method, error: problem[0], messages: [problem[1]] };
    refusals.push(refusal);
    return refusal;
  };

  /** A 429 answer with Retry-After in whole seconds, or null when the post is within the limits. */
  const rateLimit = (channel: string): number | null => {
    if (!limits) return null;
    const now = performance.now();
    tokens = Math.min(limits.burst, tokens + ((now - refilledAt) / 1000) * limits.perSecond);
    refilledAt = now;
    const last = lastPostTo.get(channel);
    if (last !== undefined && now - last < 1000) return 1;
    if (tokens < 1) return Math.max(1, Math.ceil((1 - tokens) / limits.perSecond));
    tokens -= 1;
    lastPostTo.set(channel, now);
    return null;
  };

  /**
   * chat.update as Slack checks it: the channel by id (a DM's D id, not a user or a name), a message
   * at that ts in that channel, posted by the bot itself; text or blocks to show. Blocks left out
   * keep the message's blocks; metadata given replaces the message's.
   */
  const updateMessage = (args: Record<string, unknown>): Record<string, unknown> => {
    const channel = String(args.channel ?? '');
    const messages = history.get(channel);
    if (!messages) return { ok: false, error: 'channel_not_found' };
    const message = messages.find((m) => m.ts === String(args.ts ?? ''));
    if (!message) return { ok: false, error: 'message_not_found' };
    if (message.user) return { ok: false, error: 'cant_update_message' };
    if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
    if (args.text !== undefined) message.text = args.text;
    if (args.blocks !== undefined) message.blocks = args.blocks;
    if (args.metadata) message.metadata = args.metadata as FakeSlackMessage['metadata'];
    message.edits = (message.edits ?? 0) + 1;
    return { ok: true, channel, ts: message.ts, text: message.text };
  };

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0TEST', user: 'actionbot' };
      case 'users.info': {
        const user = users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.real_name,
            tz: user.tz,
            profile: { real_name: user.real_name, email: user.email },
          },
        };
      }
      case 'users.lookupByEmail': {
        // Slack matches the address whatever its case; an address it does not know is users_not_found.
        if (typeof args.email !== 'string' || !args.email) return { ok: false, error: 'invalid_arguments' };
        const email = args.email.toLowerCase();
        const user = [...users.values()].find((u) => u.email?.toLowerCase() === email);
        if (!user) return { ok: false, error: 'users_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.real_name,
            tz: user.tz,
            deleted: false,
            is_bot: false,
            profile: { real_name: user.real_name, email: user.email },
          },
        };
      }
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: `V${calls.length}`, ...(args.view as object) } };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        const message: FakeSlackMessage = { ts: `${ts++}.000100`, text: args.text, blocks: args.blocks };
        if (args.thread_ts) message.thread_ts = String(args.thread_ts);
        if (args.metadata) message.metadata = args.metadata as FakeSlackMessage['metadata'];
        history.set(channel, [...(history.get(channel) ?? []), message]);
        posted.push(channel);
        return { ok: true, channel, ts: message.ts };
      }
      case 'conversations.history': {
        const inChannel = history.get(String(args.channel)) ?? [];
        const topLevel = inChannel.filter((m) => threadOf(m) === m.ts).reverse(); // newest first
        return { ok: true, messages: listed(topLevel, args), has_more: false };
      }
      case 'conversations.replies': {
        const thread = (history.get(String(args.channel)) ?? []).filter((m) => threadOf(m) === args.ts);
        if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: listed(thread, args), has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts++}.000200` };
      case 'chat.update':
        return updateMessage(args);
      case 'files.getUploadURLExternal': {
        const id = `F${calls.length}`;
        return { ok: true, file_id: id, upload_url: `${base}/upload/${id}` };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: args.files };
      case 'files.info': {
        const file = files.get(String(args.file));
        if (!file) return { ok: false, error: 'file_not_found' };
        const url = `${base}/files-pri/T0TEST-${file.id}/${encodeURIComponent(file.name)}`;
        return {
          ok: true,
          file: {
            id: file.id,
            name: file.name,
            title: file.name,
            mimetype: file.mimetype,
            filetype: file.name.split('.').pop(),
            size: file.size ?? file.bytes.length,
            mode: 'hosted',
            is_external: false,
            url_private: url,
            url_private_download: `${url}?download=1`,
          },
          comments: [],
          response_metadata: { next_cursor: '' },
        };
      }
      case 'conversations.members': {
        const members = channelMembers.get(String(args.channel));
        return members
          ? { ok: true, members, response_metadata: { next_cursor: '' } }
          : { ok: false, error: 'channel_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'apps.connections.open':
        // Without a Socket Mode fake linked, the method is as unknown as any other.
        if (options.socketMode) return { ok: true, url: options.socketMode.issueUrl() };
        return { ok: false, error: 'unknown_method' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server = http.createServer(async (req, res) => {
    const raw = await readRawBody(req);
    const body = raw.toString('utf8');
    const url = req.url ?? '/';
    if (url.startsWith('/upload/')) {
      uploads.set(url.slice('/upload/'.length), body);
      uploadBytes.set(url.slice('/upload/'.length), raw);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }
    if (url.startsWith('/files-pri/')) {
      const id = /^\/files-pri\/T0TEST-(F\w+)\//.exec(url)?.[1] ?? '';
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      downloads.push({ id, token });
      const file = files.get(id);
      const allowed =
        token !== undefined &&
        (options.botToken ? token === options.botToken : token.startsWith('xoxb-')) &&
        scopes.has('files:read');
      if (!file || !allowed) {
        // Slack answers an unauthorised file request with its sign-in page, not an error status.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) });
      res.end(Buffer.from(file.bytes));
      return;
    }
    if (url.startsWith('/response/')) {
      const id = url.slice('/response/'.length);
      const posted = JSON.parse(body || '{}');
      const earlier = responses.get(id) ?? [];
      const refusal =
        earlier.length >= RESPONSE_URL_USES
          ? { error: 'used_url' as const, messages: ['a response_url takes five posts at most'] }
          : checkSlackMessage(posted);
      if (refusal) {
        refusals.push({ method: 'response_url', ...(refusal as SlackRefusal) });
        res.writeHead(refusal.error === 'used_url' ? 404 : 400, { 'content-type': 'text/plain' });
        res.end(refusal.error);
        return;
      }
      responses.set(id, [...earlier, posted]);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = decodeArgs(req.headers['content-type'] ?? '', body);
    calls.push({
      method,
      args,
      token: req.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string),
    });
    callCount++;
    if (limits?.failEvery && callCount % limits.failEvery === 0) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      return;
    }
    if (method === 'chat.postMessage') {
      const retryAfter = rateLimit(String(args.channel));
      if (retryAfter !== null) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
    }
    const needed = scopeFor(method, args);
    if (needed && !scopes.has(needed)) {
      refusals.push({ method, error: 'missing_scope', messages: [`needed: ${needed}`] });
      const body = { ok: false, error: 'missing_scope', needed, provided: [...scopes].join(',') };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    const refusal = refuseToken(method, req.headers.authorization) ?? refuse(method, args);
    if (refusal) {
      const body = { ok: false, error: refusal.error, response_metadata: { messages: refusal.messages } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    const failure = failures.get(method);
    if (failure?.after) failure.after--;
    else if (failure && failure.times > 0) {
      failure.times--;
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify(failure.body ?? { ok: false, error: 'fake_failure' }));
      return;
    }
    const answered = JSON.stringify(answer(method, args));
    const answeredFirst = hanging.get(method);
    if (answeredFirst !== undefined) {
      if (answeredFirst === 0) {
        hanging.delete(method);
        return; // carried out, never answered: the connection closes with the server
      }
      hanging.set(method, answeredFirst - 1);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(answered);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    uploads,
    files,
    downloads,
    uploadBytes,
    posted,
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: (id) => `${base}/response/${id}`,
    users,
    channelMembers,
    history,
    hangAfterAccepting: (method, after = 0) => hanging.set(method, after),
    refusals,
    expectRefusals: () => {
      refusalsExpected = true;
    },
    failNext: (method, failure, times = 1) => failures.set(method, { ...failure, times }),
    failAfter: (method, after, failure, times = 1) => failures.set(method, { ...failure, times, after }),
    callsOf: (method) => calls.filter((c) => c.method === method),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (refusals.length && !refusalsExpected)
        throw new Error(
          `Slack would refuse what the bot sent:\n${JSON.stringify(refusals, null, 2).slice(0, 4000)}`,
        );
    },
  };
}

function decodeArgs(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(body || '{}');
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

function readRawBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Headers Slack sends with a request: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function signSlackRequest(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** Waits until `check` returns a value (not undefined/false), polling; fails with `what` after a while. */
export async function eventually<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
