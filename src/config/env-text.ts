import { z } from 'zod';

/** A yes/no setting: true, false, 1, 0, yes or no. */
export const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The environment with every empty value unset, so `FOO=` means the default. */
export function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
