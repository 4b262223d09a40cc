import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket from 'ws';
import { checkSlackMessage } from './slack-limits.ts';

/** Slack delivers an envelope again when its acknowledgement has not arrived within 3 seconds. */
export const ACK_DEADLINE_MS = 3_000;

/** What Slack sends over the socket for each request (the HTTP body becomes `payload`, as JSON). */
export type Envelope = {
  envelope_id: string;
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  /** Set on a redelivery: which attempt this is, and why. */
  retry_attempt?: number;
  retry_reason?: string;
};

/** An acknowledgement the bot sent back: `{"envelope_id": ..., "payload": ...}`, and how long it took. */
export type Ack = { envelopeId: string; payload: Record<string, unknown>; ms: number; connection: number };

/**
 * A local stand-in for Slack's Socket Mode servers: it hands out one-use WebSocket URLs (for the
 * fake Web API's `apps.connections.open`), greets each connection with `hello` as Slack does, delivers
 * envelopes and waits for their acknowledgements, and can drop a connection or ask for a refresh.
 */
export type FakeSocketMode = {
  /** A new `ws://` URL with a one-use ticket, as `apps.connections.open` returns. */
  issueUrl(): string;
  /** Connections accepted so far (each greeted with hello), and how many are open now. */
  readonly accepted: number;
  readonly open: number;
  /** Waits until `n` connections have been accepted and the newest is open. */
  connected(n: number): Promise<void>;
  /** Sends an envelope on the newest connection; resolves with its ack, fails after Slack's 3 s. */
  deliver(envelope: Envelope, options?: { loseAck?: boolean }): Promise<Ack>;
  /** Ends the newest connection with no close frame, as a network failure does. */
  drop(): void;
  /** Tells the newest connection `{"type":"disconnect","reason":"refresh_requested"}`. */
  requestRefresh(): void;
  /** What Slack would not have accepted (late or unknown acks, reused tickets...). */
  violations: string[];
  expectViolations(): void;
  close(): Promise<void>;
};

type Pending = { envelope: Envelope; sentAt: number; loseAck: boolean; settle(ack: Ack | Error): void };

export async function startFakeSocketMode(appId = 'A0TEST'): Promise<FakeSocketMode> {
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const pending = new Map<string, Pending>();
  const violations: string[] = [];
  let violationsExpected = false;
  const wss = new WebSocket.Server({ noServer: true });
  const server = http.createServer((_req, res) => res.writeHead(404).end());

  server.on('upgrade', (req: http.IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'ws://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    // A ticket opens one connection: reconnecting means calling apps.connections.open again.
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      violations.push(
        `connection refused: ${url.pathname} with ticket ${ticket || 'none'} (unknown or used)`,
      );
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    // An upgrade's socket is a net.Socket; @types/ws 6 asks for that rather than node's Duplex.
    wss.handleUpgrade(req, socket as Socket, head, (ws) => accept(ws));
  });

  const current = () => {
    const ws = sockets.at(-1);
    if (!ws || ws.readyState !== WebSocket.OPEN) throw new Error('no open Socket Mode connection');
    return ws;
  };

  function accept(ws: WebSocket) {
    sockets.push(ws);
    const connection = sockets.length;
    ws.on('message', (data) => receive(connection, ws, String(data)));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.filter((s) => s.readyState === WebSocket.OPEN).length,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
  }

  function receive(connection: number, ws: WebSocket, text: string) {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      violations.push(`not JSON on connection ${connection}: ${text.slice(0, 100)}`);
      return;
    }
    const id = String(message.envelope_id ?? '');
    const waiting = pending.get(id);
    if (!waiting) {
      violations.push(`ack for an envelope not waiting for one: ${id || '(no envelope_id)'}`);
      return;
    }
    pending.delete(id);
    const payload = (message.payload ?? {}) as Record<string, unknown>;
    const ms = performance.now() - waiting.sentAt;
    const problem = checkAckPayload(waiting.envelope, payload);
    if (problem) violations.push(`${waiting.envelope.type} ${id}: ${problem}`);
    if (ms > ACK_DEADLINE_MS) violations.push(`${id} acknowledged after ${Math.round(ms)} ms`);
    // A lost ack: the connection fails before Slack reads it, so Slack will deliver the envelope again.
    if (waiting.loseAck) ws.terminate();
    waiting.settle({ envelopeId: id, payload, ms, connection });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    issueUrl() {
      const ticket = randomUUID();
      tickets.add(ticket);
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${appId}`;
    },
    get accepted() {
      return sockets.length;
    },
    get open() {
      return sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
    },
    async connected(n) {
      const until = Date.now() + 15_000;
      while (sockets.length < n || sockets.at(-1)?.readyState !== WebSocket.OPEN) {
        if (Date.now() > until) throw new Error(`Timed out waiting for Socket Mode connection ${n}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    deliver(envelope, { loseAck = false } = {}) {
      const ws = current();
      return new Promise<Ack>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope.envelope_id);
          violations.push(`${envelope.envelope_id} not acknowledged within ${ACK_DEADLINE_MS} ms`);
          reject(new Error(`${envelope.type} envelope not acknowledged within ${ACK_DEADLINE_MS} ms`));
        }, ACK_DEADLINE_MS + 500);
        const settle = (ack: Ack | Error) => {
          clearTimeout(timer);
          if (ack instanceof Error) reject(ack);
          else resolve(ack);
        };
        pending.set(envelope.envelope_id, { envelope, sentAt: performance.now(), loseAck, settle });
        ws.send(JSON.stringify(envelope));
      });
    },
    drop: () => current().terminate(),
    requestRefresh: () =>
      current().send(
        JSON.stringify({
          type: 'disconnect',
          reason: 'refresh_requested',
          debug_info: { host: 'applink-fake' },
        }),
      ),
    violations,
    expectViolations: () => {
      violationsExpected = true;
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (pending.size) violations.push(`never acknowledged: ${[...pending.keys()].join(', ')}`);
      if (violations.length && !violationsExpected)
        throw new Error(`Slack's Socket Mode would not accept this:\n${violations.join('\n')}`);
    },
  };
}

/**
 * What may travel back in an ack: nothing unless the envelope accepts a response payload; a slash
 * command's message (checked like any message), or a form's `response_action`.
 */
function checkAckPayload(envelope: Envelope, payload: Record<string, unknown>): string | null {
  if (Object.keys(payload).length === 0) return null;
  if (!envelope.accepts_response_payload) return 'a response payload where none is accepted';
  if (envelope.type === 'slash_commands') {
    const refusal = checkSlackMessage(payload);
    return refusal && `${refusal.error}: ${refusal.messages.join('; ')}`;
  }
  const action = payload.response_action;
  if (action === 'errors') {
    const errors = payload.errors as Record<string, unknown> | undefined;
    const fine = errors && Object.values(errors).every((e) => typeof e === 'string' && e.length > 0);
    return fine ? null : 'response_action errors without an error text for each block';
  }
  return ['update', 'push', 'clear'].includes(String(action)) ? null : `unknown response_action ${action}`;
}

/** A new envelope id, as Slack's (a UUID). */
export function newEnvelopeId(): string {
  return randomUUID();
}
