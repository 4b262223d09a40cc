import type { DispatchDeps } from '../commands/dispatch.ts';
import type { ChatSender } from '../domain/chat-sender.ts';
import type { Logger } from '../logger.ts';
import type { Route } from './http-server.ts';

/** What every chat front door is built with: the command layer's ports, and a logger. */
export type FrontDoorDeps = DispatchDeps & { logger: Logger };

/** A chat platform's way in: the HTTP routes it serves, and its own start and stop (e.g. a socket). */
export type FrontDoor = {
  name: 'slack' | 'teams';
  routes: Route[];
  /** How scheduled jobs send proactive messages on this platform. */
  sender?: ChatSender;
  start(): Promise<void>;
  stop(): Promise<void>;
};
