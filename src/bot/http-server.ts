import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';

/** One endpoint a front door serves, e.g. Slack's `POST /slack/events` or Teams' `POST /api/messages`. */
export type Route = {
  method: 'GET' | 'POST';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
};

export type HttpServerOptions = {
  port: number;
  host: string;
  routes: readonly Route[];
  /** Backs `GET /readyz`: true when the database answers. */
  isReady(): Promise<boolean>;
  logger: Logger;
};

/** A listening server: its base URL (with the real port when 0 was asked for) and how to stop it. */
export type RunningHttpServer = { url: string; port: number; close(): Promise<void> };

/**
 * The one HTTP server of the process: the chat front doors' routes plus `GET /healthz` (the process is
 * up) and `GET /readyz` (the database is reachable). Request bodies are never logged: they carry user
 * identifiers and, for anonymous feedback, text that must not end up in logs.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes: Route[] = [
    { method: 'GET', path: '/healthz', handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handle: async (_req, res) =>
        (await options.isReady())
          ? sendJson(res, 200, { status: 'ready' })
          : sendJson(res, 503, { status: 'database unreachable' }),
    },
    ...options.routes,
  ];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const matching = routes.filter((r) => r.path === path);
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      req.resume();
      if (matching.length > 0) res.setHeader('Allow', matching.map((r) => r.method).join(', '));
      sendJson(res, matching.length > 0 ? 405 : 404, {
        error: matching.length > 0 ? 'method not allowed' : 'not found',
      });
      return;
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
        options.logger.error('request failed', { method: req.method, path, error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
  });
  // Slack and Teams keep connections alive; don't let an idle one hold up shutdown.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** Ends a response with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
