import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  INVOKE_RESPONSE_KEY,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { TeamsConfig } from '../../config.ts';
import type { FrontDoor, FrontDoorDeps } from '../front-door.ts';
import { sendJson } from '../http-server.ts';
import { findPromptOwnerIds } from './prompt-owners.ts';
import { readActivity } from './read-activity.ts';
import { withSingleAttempts } from './single-attempt.ts';
import { createTeamsMemberChat, withMemberChat } from './teams-member-chat.ts';
import { createTeamsRoster } from './teams-roster.ts';
import { createTeamsSender } from './teams-sender.ts';
import { createTeamsTurnHandler } from './teams-turn.ts';

/** Where the Bot Framework (Teams, the Agents Playground) posts activities. */
export const TEAMS_MESSAGES_PATH = '/api/messages';

/** Settings tests need: where the Bot Framework's signing keys are published (a local fake there). */
export type TeamsFrontDoorOptions = { openIdMetadataUrl?: string };

/**
 * The Teams front door: activities on `POST /api/messages` through botbuilder's CloudAdapter, as
 * commands to the shared dispatcher, answered with text and Adaptive Cards; conversation references
 * kept for proactive messages. With app credentials every activity must carry a valid Bot Framework
 * token (checked before anything is read or written); in emulator mode (loopback only) none is asked.
 */
export function createTeamsFrontDoor(
  config: TeamsConfig,
  deps: FrontDoorDeps,
  options: TeamsFrontDoorOptions = {},
): FrontDoor {
  const auth = new ConfigurationBotFrameworkAuthentication(toAuthOptions(config, options));
  const adapter = new CloudAdapter(auth);
  const appId = config.mode === 'authenticated' ? config.appId : '';
  // Proactive calls get their own adapter whose connector clients do not retry (the queue does).
  const proactive = new CloudAdapter(withSingleAttempts(auth));
  const roster = createTeamsRoster({ adapter: proactive, appId, store: deps.store, logger: deps.logger });
  const onTurn = createTeamsTurnHandler(deps, roster, { anyFileHost: config.mode === 'emulator' });
  let reaching: Promise<unknown> = Promise.resolve();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readActivity(req);
    if (!read.ok) {
      deps.logger.warn('teams activity refused', { status: read.status, reason: read.reason });
      sendJson(res, read.status, { error: read.reason });
      return;
    }
    const activity = read.activity as unknown as Activity;
    // Emulator mode checks no token: a local client's made-up one would only send botbuilder fetching keys.
    const header = config.mode === 'emulator' ? '' : (req.headers.authorization ?? '');
    let authenticated: Awaited<ReturnType<typeof auth.authenticateRequest>>;
    try {
      authenticated = await auth.authenticateRequest(activity, header);
    } catch (error) {
      if (!isAuthenticationFailure(error)) throw error;
      deps.logger.warn('teams activity not authenticated', { error: (error as Error).message });
      sendJson(res, 401, { error: 'unauthorized' });
      return;
    }
    // An invoke (a card's Action.Execute) is answered in the HTTP response with the turn's invokeResponse.
    let invoked: InvokeResponse | undefined;
    await adapter.processActivityDirect(authenticated, activity, async (context: TurnContext) => {
      await onTurn(context);
      invoked = (context.turnState.get(INVOKE_RESPONSE_KEY) as Partial<Activity> | undefined)?.value;
    });
    if (activity.type === 'invoke') {
      if (invoked) sendJson(res, invoked.status, invoked.body ?? {});
      else res.writeHead(501).end(); // an invoke we do not handle, as botbuilder answers it
    } else res.writeHead(200).end();
  }

  return {
    name: 'teams',
    routes: [{ method: 'POST', path: TEAMS_MESSAGES_PATH, handle }],
    sender: withMemberChat(
      createTeamsSender(proactive, appId, deps.store.conversations, roster, (reply) =>
        findPromptOwnerIds(deps.store, reply),
      ),
      createTeamsMemberChat(proactive, appId, deps.store.conversations),
    ),
    // The teams already known: their owners get 1:1 chats, in the background (serving starts at once).
    start: async () => {
      reaching = roster
        .reachKnownTeams()
        .then((opened) => opened && deps.logger.info('teams chats opened with owners', { opened }))
        .catch((error: unknown) => deps.logger.warn('teams owners not reached at start', { error }));
    },
    stop: async () => {
      await reaching;
    },
  };
}

// botbuilder throws its own AuthenticationError (401/403) for missing or unacceptable tokens, but lets
// jsonwebtoken's errors through for a bad signature or an expired token: all of them mean "not you".
function isAuthenticationFailure(error: unknown): boolean {
  const { statusCode, name } = (error ?? {}) as { statusCode?: number; name?: string };
  if (statusCode === 401 || statusCode === 403) return true;
  return name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError';
}

function toAuthOptions(
  config: TeamsConfig,
  options: TeamsFrontDoorOptions,
): ConfigurationBotFrameworkAuthenticationOptions {
  if (config.mode === 'emulator') return {};
  return {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
    ...(options.openIdMetadataUrl ? publicCloudWithKeysFrom(options.openIdMetadataUrl) : {}),
  };
}

// botbuilder uses its public-cloud settings only when none is given: overriding one means giving all.
function publicCloudWithKeysFrom(openIdMetadataUrl: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}
