import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { FrontDoor, FrontDoorDeps } from '../front-door.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { createListenerContext } from './listeners/context.ts';
import { registerListeners } from './listeners/index.ts';
import { createSlackDirectory } from './slack-directory.ts';
import { readChannelMembers } from './slack-membership.ts';
import { createSlackSender } from './slack-sender.ts';

/** Where Slack sends every request in HTTP mode: slash commands, interactivity and events. */
export const SLACK_EVENTS_PATH = '/slack/events';

// Slack's payloads are small (a modal with a 4,000-character note is a few KB); refuse anything huge.
const BODY_LIMIT = 512 * 1024;
// Bolt refuses requests signed more than 5 minutes ago; we refuse those signed more than 5 minutes ahead.
const MAX_CLOCK_SKEW_S = 5 * 60;

/** Tuning for tests: Socket Mode's pong timeout, which is also its wait before each reconnection (5 s). */
export type SlackFrontDoorOptions = { socketMode?: { clientPingTimeoutMs?: number } };

/**
 * The Slack front door: `/action`, the update and feedback forms, App Home and buttons, translated
 * to and from the shared command language by the listeners in `listeners/` (one per file, by kind).
 * HTTP mode serves `POST /slack/events` (signatures and timestamps checked by Bolt's receiver);
 * Socket Mode connects out with the app-level token instead.
 */
export function createSlackFrontDoor(
  config: SlackConfig,
  deps: FrontDoorDeps,
  options: SlackFrontDoorOptions = {},
): FrontDoor {
  const logger = createBoltLogger(deps.logger);
  const slackApiUrl = config.apiUrl && (config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`);
  const clientOptions = slackApiUrl ? { slackApiUrl } : {};
  const receiver =
    config.appToken || !config.signingSecret
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          logger,
          bodyLimit: BODY_LIMIT,
        });
  const app = receiver
    ? new App({ token: config.botToken, receiver, logger, clientOptions })
    : new App({
        token: config.botToken,
        socketMode: true,
        // Built here, not by App, so its timing can be set; apps.connections.open goes to SLACK_API_URL too.
        // A copy: the socket client adds its own retry policy to the options it is given.
        receiver: new SocketModeReceiver({
          appToken: config.appToken ?? '',
          logger,
          clientPingTimeout: options.socketMode?.clientPingTimeoutMs,
          installerOptions: { clientOptions: { ...clientOptions } },
        }),
        logger,
        clientOptions,
      });
  // Proactive sends make one attempt each: the delivery queue owns retries and Retry-After.
  const sendingClient = new webApi.WebClient(config.botToken, {
    ...clientOptions,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  registerListeners(app, createListenerContext(app, deps, config.botToken));
  // The last handler: platform calls that failed (a command never throws: the pipeline catches it).
  app.error(async (error) => {
    deps.logger.error('slack handler failed', { error: error.message, code: error.code });
  });

  return {
    name: 'slack',
    routes: receiver
      ? [
          {
            method: 'POST',
            path: SLACK_EVENTS_PATH,
            handle: (req, res) => {
              if (isFromTheFuture(req.headers['x-slack-request-timestamp'], Date.now())) {
                res.writeHead(401, { 'content-type': 'text/plain' }).end('timestamp is in the future');
                return;
              }
              return receiver.requestListener(req, res);
            },
          },
        ]
      : [],
    sender: createSlackSender(sendingClient, {
      reachOwners: createSlackDirectory(sendingClient, deps.store.people),
      // A staff network's members, for its check-back asks: the linked channel (but the app itself),
      // read and forgotten.
      listNetworkMembers: async (network) => {
        if (!network.slackChannelId) return null;
        const [members, self] = await Promise.all([
          readChannelMembers(sendingClient, network.slackChannelId),
          sendingClient.auth.test(),
        ]);
        return members.filter((id) => id !== self.user_id);
      },
    }),
    start: async () => {
      if (!receiver) await app.start();
    },
    stop: async () => {
      if (!receiver) await app.stop();
    },
  };
}

/**
 * A request signed more than five minutes ahead of our clock: a replay prepared in advance (the
 * signature covers the timestamp, so only the signer could have chosen it). Bolt checks the past only.
 */
export function isFromTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > nowMs / 1000 + MAX_CLOCK_SKEW_S;
}
