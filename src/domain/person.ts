/** The chat platforms a person can reach Actionbot from. */
export const PLATFORMS = ['slack', 'teams', 'console'] as const;
/** One of {@link PLATFORMS}. */
export type Platform = (typeof PLATFORMS)[number];

/** Who is asking, as the front door saw them. Name and email are optional: not every platform has them. */
export type Actor = {
  platform: Platform;
  externalId: string;
  displayName?: string | undefined;
  email?: string | undefined;
  /** IANA time zone from the platform profile, when it says. */
  timeZone?: string | undefined;
};

/** A person known to Actionbot, with the roles they hold. */
export type Person = { id: string; displayName: string; email: string | null };

/** Someone named an admin (ACTIONBOT_ADMINS): a platform identity or an email address. */
export type AdminEntry = { platform: Platform; externalId: string } | { email: string };
