import type { DispatchDeps } from '../commands/dispatch.ts';
import type { ChatSender } from '../domain/chat-sender.ts';
import type { PlanFileReader } from '../domain/plan-upload.ts';
import type { Logger } from '../logger.ts';
import type { Route } from './http-server.ts';

/**
 * What every chat front door is built with: the command layer's ports, a logger, and the plan file
 * reader for files uploaded in chat (each front door adds its own file store; without a reader,
 * uploads are not read).
 */
export type FrontDoorDeps = DispatchDeps & { logger: Logger; planReader?: PlanFileReader };

/** A chat platform's way in: the HTTP routes it serves, and its own start and stop (e.g. a socket). */
export type FrontDoor = {
  name: 'slack' | 'teams';
  routes: Route[];
  /** How scheduled jobs send proactive messages on this platform. */
  sender?: ChatSender;
  start(): Promise<void>;
  stop(): Promise<void>;
};
