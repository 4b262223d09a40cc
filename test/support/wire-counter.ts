import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { getServerAddress } from './test-database.ts';

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients run, on the wire: each
 * simple Query ('Q') and each extended-protocol Execute ('E') message is one statement. Point a
 * DATABASE_URL at `url` to count what a piece of code really sends to the server.
 */
export type WireCounter = {
  port: number;
  statements: number;
  sql: string[];
  reset(): void;
  close(): Promise<void>;
};

export async function startWireCounter(
  target: net.NetConnectOpts = getServerAddress(),
): Promise<WireCounter> {
  const sockets = new Set<net.Socket>();
  const counter: WireCounter = {
    port: 0,
    statements: 0,
    sql: [],
    reset() {
      counter.statements = 0;
      counter.sql = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false; // the startup message has no type byte
    let lastParsed = '';
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 4) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103) started = true; // SSLRequest is answered before the real startup
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0] as number);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        if (type === 'Q') {
          counter.statements++;
          counter.sql.push(body.toString('utf8').replace(/\0$/, ''));
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          lastParsed = body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString('utf8');
        } else if (type === 'E') {
          counter.statements++;
          counter.sql.push(lastParsed);
        }
        buffer = buffer.subarray(1 + length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.port = (server.address() as AddressInfo).port;
  return counter;
}
