import type { FrontDoor } from '../../src/bot/front-door.ts';
import { type RunningHttpServer, startHttpServer } from '../../src/bot/http-server.ts';
import type { Logger } from '../../src/logger.ts';

/** Serves a front door on a loopback port chosen by the OS, as main does, and starts it. */
export async function serveFrontDoor(
  door: FrontDoor,
  isReady: () => Promise<boolean>,
  logger: Logger,
): Promise<RunningHttpServer> {
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: door.routes, isReady, logger });
  await door.start();
  return server;
}
