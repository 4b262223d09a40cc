import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkActivityCards, measureTeamsBytes, TEAMS_LIMITS } from './teams-limits.ts';

/** An activity the bot sent to the fake connector, with the conversation it was posted to. */
export type SentActivity = {
  /** The id the connector gave the message (a card's later invokes name it as their replyToId). */
  id: string;
  conversationId: string;
  replyToId: string | undefined;
  authorization: string | undefined;
  activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: CardJson }[];
    [key: string]: unknown;
  };
};

/** An Adaptive Card as the bot sent it (loosely typed: tests search it). */
export type CardJson = { type: string; body: Record<string, unknown>[]; actions?: Record<string, unknown>[] };

/** A member the roster look-up (`GET /v3/conversations/{id}/members/{user}`) answers with. */
export type FakeMember = {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
};

/**
 * A local stand-in for the Bot Framework connector (Teams' side of the conversation): it records
 * every activity the bot posts, answers roster look-ups, can fail the next sends with a chosen
 * status, and serves the OpenID metadata and signing keys tokens are checked against.
 */
export type FakeConnector = {
  url: string;
  /**
   * A file a user sends in a personal chat, stored as OneDrive/SharePoint keeps it: returns the
   * pre-authorised `downloadUrl` Teams puts in the `file.download.info` attachment, which serves the
   * bytes only while its `tempauth` is the one issued (anything else is 401). Setting it again under
   * the same name replaces the bytes behind the same URL (the file was edited).
   */
  putFile(name: string, bytes: Uint8Array): string;
  /** Every download of a sent file, with the Authorization header it carried (none is needed). */
  fileRequests: { name: string; authorization: string | undefined }[];
  sent: SentActivity[];
  members: Map<string, FakeMember>;
  /** The signing keys the OpenID metadata publishes (JWKs); none unless a test adds one. */
  keys: Record<string, unknown>[];
  /** Paths of every request, in order (to prove what the bot fetched). */
  requests: string[];
  /**
   * What Teams would refuse or render wrongly: activities over 100 KB (answered 413) and cards that
   * Microsoft's `adaptivecards` library reports problems in (answered 400). `close()` fails the test
   * when there are any, unless it said it expects them with `expectViolations()`.
   */
  violations: string[];
  expectViolations(): void;
  /**
   * Teams the app is installed in, by team id: whose roster `GET /v3/conversations/{teamId}/pagedmembers`
   * pages through (`members`, in order). A team not listed answers 404, as for a team without the app.
   */
  teams: Set<string>;
  /** The most members one roster page holds (Teams' limit is 500; tests lower it to see paging). */
  pageLimit: number;
  /** People (AAD object ids) who blocked or uninstalled the bot: creating or posting to their chat is 403 MessageWritesBlocked. */
  blocked: Set<string>;
  /** 1:1 conversations Teams no longer has (posts answer 404 ConversationNotFound). */
  gone: Set<string>;
  /** 1:1 conversations by id, with the AAD object id of the person in them (created, or added by a test). */
  chats: Map<string, string>;
  /** Every 1:1 conversation the bot created (`POST /v3/conversations`), in order. */
  created: { conversationId: string; memberId: string; tenantId: string; bot: unknown }[];
  /** Sends answered 429 because the conversation went past 7 messages a second. */
  throttled: number;
  /**
   * The next `count` posted activities get this status (and headers) instead of being recorded;
   * with `after`, that many posts succeed first.
   */
  failNext(count: number, status: number, headers?: Record<string, string>, after?: number): void;
  /**
   * Files uploaded to an upload session (`PUT <url>/upload/<id>`, the uploadUrl a file consent answer
   * gives), by id. As OneDrive's upload sessions check it: Content-Length the body's size and
   * Content-Range `bytes <first>-<last>/<total>` matching it, the whole file in one piece here.
   */
  uploads: Map<string, Buffer>;
  close(): Promise<void>;
};

/** Teams' answer when the person blocked or uninstalled the bot (its documented 403 body). */
const MESSAGE_WRITES_BLOCKED = {
  errorCode: 209,
  message: JSON.stringify(
    {
      subCode: 'MessageWritesBlocked',
      details: 'Thread is blocked from message writes.',
      errorCode: null,
      errorSubCode: null,
    },
    null,
    2,
  ),
};
/** The largest roster page Teams serves. */
const ROSTER_PAGE_MAX = 500;

/** Options of the fake: `onSent` hears each activity as it is accepted (the latency bench times replies by it). */
export type FakeConnectorOptions = { onSent?: (sent: SentActivity) => void };

export async function startFakeConnector(
  tenantId = 'tenant-0001',
  options: FakeConnectorOptions = {},
): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const teams = new Set<string>();
  const blocked = new Set<string>();
  const gone = new Set<string>();
  const created: FakeConnector['created'] = [];
  /** Open 1:1 conversations: id -> the member's AAD object id. */
  const personal = new Map<string, string>();
  /** Continuation tokens handed out: token -> where the next page starts, for which team. */
  const continuations = new Map<string, { teamId: string; start: number }>();
  let pageLimit = ROSTER_PAGE_MAX;
  const members = new Map<string, FakeMember>();
  const requests: string[] = [];
  const keys: Record<string, unknown>[] = [];
  let failures: ({ status: number; headers: Record<string, string> } | null)[] = [];
  const violations: string[] = [];
  let violationsExpected = false;
  let throttled = 0;
  const recentSends = new Map<string, number[]>();
  /** Teams' per-conversation rate: true when this send is the 8th or later within a second. */
  const overRate = (conversationId: string): boolean => {
    const now = performance.now();
    const recent = (recentSends.get(conversationId) ?? []).filter((at) => now - at < 1000);
    const over = recent.length >= TEAMS_LIMITS.perSecond;
    if (!over) recent.push(now);
    recentSends.set(conversationId, recent);
    return over;
  };
  let seq = 0;
  let url = '';
  const files = new Map<string, { bytes: Uint8Array; tempauth: string }>();
  const fileRequests: FakeConnector['fileRequests'] = [];
  const uploads = new Map<string, Buffer>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push(`${req.method} ${path}`);
      if (req.method === 'GET' && path.startsWith('/files/')) {
        const name = decodeURIComponent(path.slice('/files/'.length));
        const file = files.get(name);
        const tempauth = new URL(req.url ?? '/', 'http://x').searchParams.get('tempauth');
        fileRequests.push({ name, authorization: req.headers.authorization });
        if (!file || tempauth !== file.tempauth) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'unauthenticated', message: 'Invalid tempauth' } }));
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(file.bytes.length),
        });
        res.end(Buffer.from(file.bytes));
        return;
      }
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const parts = path.split('/').map((p) => decodeURIComponent(p));
      if (parts[1] === 'upload') {
        const body = Buffer.concat(chunks);
        const problem = checkUpload(req.method, req.headers, body);
        if (problem) {
          violations.push(`upload ${parts[2]}: ${problem}`);
          return json(400, { error: { code: 'invalidRequest', message: problem } });
        }
        uploads.set(parts[2] ?? '', body);
        return json(201, { id: parts[2], name: parts[2], size: body.length });
      }
      // /v3/conversations/{conversationId}/activities[/{replyToId}]
      if (
        req.method === 'POST' &&
        parts[1] === 'v3' &&
        parts[2] === 'conversations' &&
        parts[4] === 'activities'
      ) {
        const failure = failures.shift();
        if (failure)
          return json(failure.status, { error: { code: 'Failure', message: 'fake' } }, failure.headers);
        const conversationId = parts[3] ?? '';
        if (gone.has(conversationId))
          return json(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        if (blocked.has(personal.get(conversationId) ?? '')) return json(403, MESSAGE_WRITES_BLOCKED);
        if (overRate(conversationId)) {
          throttled++;
          return json(
            429,
            { error: { code: 'Throttled', message: 'Too many requests' } },
            { 'retry-after': '1' },
          );
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const bytes = measureTeamsBytes(raw);
        if (bytes > TEAMS_LIMITS.activityBytes) {
          violations.push(`activity of ${bytes} bytes (UTF-16) to ${conversationId}: over 100 KB`);
          return json(413, { error: { code: 'MessageSizeTooBig', message: 'Message size too big' } });
        }
        const activity = JSON.parse(raw);
        const problems = checkActivityCards(activity);
        if (problems.length) {
          violations.push(...problems);
          return json(400, { error: { code: 'BadArgument', message: problems.join('; ') } });
        }
        const id = `sent-${++seq}`;
        const accepted = {
          id,
          conversationId,
          replyToId: parts[5],
          authorization: req.headers.authorization,
          activity,
        };
        sent.push(accepted);
        json(200, { id });
        options.onSent?.(accepted);
        return;
      }
      // POST /v3/conversations: a 1:1 chat with one member of a team the app is in (group chats: 400).
      if (req.method === 'POST' && parts[1] === 'v3' && parts[2] === 'conversations' && parts.length === 3) {
        let body: {
          isGroup?: boolean;
          bot?: { id?: string };
          members?: { id?: string }[];
          tenantId?: string;
          channelData?: { tenant?: { id?: string } };
        };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return json(400, { error: { code: 'BadSyntax', message: 'Request body is not JSON' } });
        }
        const bad = (message: string) => json(400, { error: { code: 'BadArgument', message } });
        if (body.isGroup !== false)
          return json(400, { error: { code: 'BadSyntax', message: 'isGroup must be false' } });
        if (!body.bot?.id) return bad('bot is required');
        if (body.members?.length !== 1) return bad('exactly one member is required');
        const tenant = body.tenantId || body.channelData?.tenant?.id;
        if (!tenant) return bad('tenantId is required');
        if (tenant !== tenantId)
          return json(403, { error: { code: 'Forbidden', message: 'Tenant mismatch' } });
        const memberId = body.members[0]?.id ?? '';
        const member = members.get(memberId);
        if (!memberId.startsWith('29:') || !member)
          return json(404, {
            error: { code: 'MemberNotFound', message: 'The user is not in a team the bot is in' },
          });
        if (blocked.has(member.aadObjectId)) return json(403, MESSAGE_WRITES_BLOCKED);
        // The same person's chat while it exists; a new one after Teams dropped it.
        let conversationId = [...personal].find(
          ([id, aad]) => aad === member.aadObjectId && !gone.has(id),
        )?.[0];
        if (!conversationId) {
          conversationId = `a:dm-${member.aadObjectId}-${personal.size + 1}`;
          personal.set(conversationId, member.aadObjectId);
        }
        created.push({ conversationId, memberId, tenantId: tenant, bot: body.bot });
        return json(201, { id: conversationId });
      }
      // GET /v3/conversations/{teamId}/pagedmembers?pageSize=&continuationToken=
      if (req.method === 'GET' && parts[2] === 'conversations' && parts[4] === 'pagedmembers') {
        const teamId = parts[3] ?? '';
        if (!teams.has(teamId))
          return json(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        const query = new URL(req.url ?? '/', 'http://fake').searchParams;
        const asked = query.has('pageSize') ? Number(query.get('pageSize')) : ROSTER_PAGE_MAX;
        if (!Number.isInteger(asked) || asked < 1 || asked > ROSTER_PAGE_MAX)
          return json(400, {
            error: { code: 'BadArgument', message: `pageSize must be 1 to ${ROSTER_PAGE_MAX}` },
          });
        const token = query.get('continuationToken');
        const from = token ? continuations.get(token) : { teamId, start: 0 };
        if (!from || from.teamId !== teamId)
          return json(400, { error: { code: 'BadArgument', message: 'Invalid continuation token' } });
        if (token) continuations.delete(token);
        const roster = [...members.values()];
        const end = from.start + Math.min(asked, pageLimit);
        let continuationToken: string | undefined;
        if (end < roster.length) {
          continuationToken = `ct-${++seq}`;
          continuations.set(continuationToken, { teamId, start: end });
        }
        return json(200, {
          members: roster.slice(from.start, end),
          ...(continuationToken ? { continuationToken } : {}),
        });
      }
      // /v3/conversations/{conversationId}/members/{userId}
      if (req.method === 'GET' && parts[2] === 'conversations' && parts[4] === 'members' && parts[5]) {
        const member = members.get(parts[5]);
        return member
          ? json(200, member)
          : json(404, { error: { code: 'MemberNotFound', message: 'no such member' } });
      }
      if (path === '/openid')
        return json(200, { issuer: 'https://api.botframework.com', jwks_uri: `${url}/keys` });
      if (path === '/keys') return json(200, { keys });
      json(404, { error: { code: 'NotFound', message: path } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    putFile: (name, bytes) => {
      const tempauth = files.get(name)?.tempauth ?? randomUUID();
      files.set(name, { bytes, tempauth });
      return `${url}/files/${encodeURIComponent(name)}?tempauth=${tempauth}`;
    },
    fileRequests,
    uploads,
    sent,
    members,
    teams,
    blocked,
    gone,
    created,
    chats: personal,
    get pageLimit() {
      return pageLimit;
    },
    set pageLimit(limit: number) {
      pageLimit = limit;
    },
    keys,
    requests,
    violations,
    expectViolations() {
      violationsExpected = true;
    },
    get throttled() {
      return throttled;
    },
    failNext(count, status, headers = {}, after = 0) {
      failures = [
        ...Array.from({ length: after }, () => null),
        ...Array.from({ length: count }, () => ({ status, headers })),
      ];
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (violations.length && !violationsExpected)
        throw new Error(`Teams would refuse what the bot sent:\n${violations.slice(0, 20).join('\n')}`);
    },
  };
}

/** Every text the card shows (TextBlocks, facts, choice titles, button titles), for assertions. */
export function cardText(card: CardJson | undefined): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder'])
      if (typeof n[key] === 'string') texts.push(n[key] as string);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return texts.join('\n');
}

/** Finds the first element of a card with this input id. */
export function findInput(card: CardJson | undefined, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Record<string, unknown>;
    if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) found = n;
    else Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}

/** What an upload session refuses: not a PUT, or a Content-Length or Content-Range that does not fit the body. */
function checkUpload(
  method: string | undefined,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
): string | null {
  if (method !== 'PUT') return `${method} instead of PUT`;
  if (Number(headers['content-length']) !== body.length) return 'Content-Length is not the size of the body';
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(headers['content-range'] ?? ''));
  if (!range) return 'no Content-Range of the form bytes first-last/total';
  const [first, last, total] = range.slice(1).map(Number) as [number, number, number];
  if (first !== 0 || last !== body.length - 1 || total !== body.length)
    return `Content-Range ${headers['content-range']} does not match a body of ${body.length} bytes`;
  return null;
}
