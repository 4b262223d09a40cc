import { z } from 'zod';
import { ConfigError } from './config-error.ts';
import { booleanText } from './env-text.ts';

/** Bot Framework credentials, or the unauthenticated emulator mode (loopback only). */
export type TeamsConfig = Readonly<
  | { mode: 'emulator' }
  | {
      mode: 'authenticated';
      appId: string;
      appPassword: string | undefined;
      tenantId: string | undefined;
      appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    }
>;

/** The Teams settings (TEAMS_MESSAGES_PER_SECOND is a schedule setting, in schedules.ts). */
export const teamsEnv = z.object({
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('MultiTenant'),
  TEAMS_EMULATOR: booleanText.default(false),
});

/**
 * Teams' configuration, undefined when no app id is set; a partial configuration, or the emulator
 * on an address other machines can reach (`host` is HOST), is refused.
 */
export function teamsConfig(e: z.infer<typeof teamsEnv>, host: string): TeamsConfig | undefined {
  if (e.TEAMS_EMULATOR) {
    if (e.MICROSOFT_APP_ID)
      throw new ConfigError(
        'Teams: TEAMS_EMULATOR=true serves without authentication; unset MICROSOFT_APP_ID.',
      );
    if (!isLoopback(host))
      throw new ConfigError(
        `Teams: TEAMS_EMULATOR=true is only allowed when HOST is a loopback address (127.0.0.1), not ${host}.`,
      );
    return Object.freeze({ mode: 'emulator' });
  }
  if (!e.MICROSOFT_APP_ID) {
    if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID)
      throw new ConfigError(
        'Teams: set MICROSOFT_APP_ID as well, or unset the other MICROSOFT_APP_ settings.',
      );
    return undefined;
  }
  if (e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD)
    throw new ConfigError(`Teams: set MICROSOFT_APP_PASSWORD (the client secret of ${e.MICROSOFT_APP_ID}).`);
  if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID)
    throw new ConfigError(`Teams: MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE} needs MICROSOFT_APP_TENANT_ID.`);
  return Object.freeze({
    mode: 'authenticated',
    appId: e.MICROSOFT_APP_ID,
    appPassword: e.MICROSOFT_APP_PASSWORD,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
    appType: e.MICROSOFT_APP_TYPE,
  });
}

/** Whether a bind address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
