import type { webApi } from '@slack/bolt';
import type { PeopleRepository } from '../../domain/ports.ts';
import type { OwnerContact } from '../../domain/schedule-ports.ts';

/**
 * Owners named by email alone, found on Slack (`users.lookupByEmail`, scope users:read.email) and
 * linked to the person: their Slack account joins the person with that address, so the prompt goes to
 * their direct chat. Only owners with no chat account at all are looked up; an address Slack does not
 * know (`users_not_found`), a deactivated account or a bot is left as it is.
 */
export function createSlackDirectory(
  client: webApi.WebClient,
  people: Pick<PeopleRepository, 'ensurePerson'>,
) {
  return async function reachOwners(owners: readonly OwnerContact[]): Promise<number> {
    let linked = 0;
    for (const owner of owners) {
      if (!owner.email || owner.identities.length > 0) continue;
      const user = await lookUp(client, owner.email);
      if (!user?.id || user.deleted || user.is_bot) continue;
      await people.ensurePerson({
        platform: 'slack',
        externalId: user.id,
        displayName: user.profile?.real_name || user.real_name || user.name || undefined,
        email: owner.email,
        timeZone: user.tz || undefined,
      });
      linked++;
    }
    return linked;
  };
}

async function lookUp(client: webApi.WebClient, email: string) {
  try {
    return (await client.users.lookupByEmail({ email })).user ?? null;
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error === 'users_not_found') return null;
    throw error;
  }
}
