import { z } from 'zod';
import { ConfigError } from './config-error.ts';

/** Slack over HTTP (requests signed with the signing secret) or over Socket Mode (app-level token). */
export type SlackConfig = Readonly<{
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Web API base URL; tests point it at a fake Slack. */
  apiUrl: string | undefined;
}>;

/** The Slack settings (SLACK_MESSAGES_PER_SECOND is a schedule setting, in schedules.ts). */
export const slackEnv = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be the bot token (xoxb-...)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

/** Slack's configuration, undefined when no bot token is set; a partial configuration is refused. */
export function slackConfig(e: z.infer<typeof slackEnv>): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = e;
  if (!botToken) {
    if (signingSecret || appToken)
      throw new ConfigError(
        'Slack: set SLACK_BOT_TOKEN (xoxb-...) as well, or unset the other SLACK_ settings.',
      );
    return undefined;
  }
  if (!signingSecret && !appToken)
    throw new ConfigError(
      'Slack: set SLACK_SIGNING_SECRET (HTTP mode, requests at /slack/events) or SLACK_APP_TOKEN (Socket Mode).',
    );
  return Object.freeze({ botToken, signingSecret, appToken, apiUrl: e.SLACK_API_URL });
}
