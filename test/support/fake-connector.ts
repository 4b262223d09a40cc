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

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
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
  const uploads = new Map<string, Buffer>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push(`${req.method} ${path}`);
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
        sent.push({
          id,
          conversationId,
          replyToId: parts[5],
          authorization: req.headers.authorization,
          activity,
        });
        return json(200, { id });
      }
      // /v3/conversations/{teamId}/pagedmembers: the whole roster, in one page
      if (req.method === 'GET' && parts[2] === 'conversations' && parts[4]?.startsWith('pagedmembers'))
        return json(200, { members: [...members.values()] });
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
    uploads,
    sent,
    members,
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
