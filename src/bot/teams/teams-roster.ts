import type { CloudAdapter, ConversationReference, TeamsChannelAccount } from 'botbuilder';
import type { PeopleRepository, Store, StoredConversation } from '../../domain/ports.ts';
import type { OwnerContact } from '../../domain/schedule-ports.ts';
import type { Logger } from '../../logger.ts';
import { readConnectorRefusal } from './connector-errors.ts';
import { readTeamMembers } from './teams-membership.ts';

// The connector's largest roster page.

/** A team the app is installed in: its id and the reference of the conversation it was installed from. */
export type KnownTeam = { teamId: string; reference: Record<string, unknown> };

/**
 * Proactive reach without a first message. Teams lets a bot open a 1:1 chat with anyone in the roster
 * of a team it is installed in (`POST /v3/conversations` with the member's id and the tenant), so
 * when the app is installed in a team, at start for the teams already known, and before a run
 * messages owners, the roster is read (`GET /v3/conversations/{teamId}/pagedmembers`, paged) and
 * each person who holds an owner role (by their Teams account, or by their email address: an owner
 * named by email is linked here) gets a 1:1 chat, whose reference is kept for prompts, reminders and
 * digests. Nobody else is written down: the roster is read and forgotten.
 */
export type TeamsRoster = {
  /** Keeps the team and opens chats with its owners; returns how many chats it opened. */
  onInstalled(team: KnownTeam): Promise<number>;
  /** The app was removed from the team: its roster is no longer read. */
  onRemoved(teamId: string): Promise<void>;
  /** Every known team's owners (at start); returns how many chats it opened. */
  reachKnownTeams(): Promise<number>;
  /** Owners with no Teams chat yet, looked for in the known teams (before a run messages owners). */
  reachOwners(owners: readonly OwnerContact[]): Promise<number>;
  /**
   * Opens a person's 1:1 chat again from its stored reference (Teams said the conversation is gone):
   * the new reference, or null when Teams refused (recorded as unreachable).
   */
  reopen(stored: StoredConversation): Promise<StoredConversation | null>;
};

type Member = Pick<TeamsChannelAccount, 'id' | 'name' | 'aadObjectId' | 'email' | 'userPrincipalName'>;

export function createTeamsRoster(deps: {
  adapter: CloudAdapter;
  appId: string;
  store: Pick<Store, 'conversations' | 'scheduleReads'> & { people: Pick<PeopleRepository, 'ensurePerson'> };
  logger: Logger;
}): TeamsRoster {
  const { adapter, appId, store, logger } = deps;
  // One roster read per team at a time: Teams sends conversationUpdate and installationUpdate for one install.
  const inFlight = new Map<string, Promise<number>>();

  async function readRoster(team: KnownTeam): Promise<Member[]> {
    let members: Member[] = [];
    await adapter.continueConversationAsync(
      appId,
      team.reference as Partial<ConversationReference>,
      async (context) => {
        members = await readTeamMembers(context, team.teamId);
      },
    );
    return members;
  }

  /** Opens the 1:1 chat with a member from a team's (or an old chat's) reference, and keeps it. */
  async function openChat(
    from: Record<string, unknown>,
    member: { id: string; name?: string | undefined; aadObjectId: string },
  ): Promise<StoredConversation | null> {
    const reference = from as Partial<ConversationReference>;
    const serviceUrl = reference.serviceUrl ?? '';
    const tenantId = reference.conversation?.tenantId ?? '';
    const bot = reference.bot ?? { id: appId, name: 'Actionbot' };
    const user = { id: member.id, name: member.name ?? '', aadObjectId: member.aadObjectId };
    let conversationId = '';
    try {
      await adapter.createConversationAsync(
        appId,
        reference.channelId ?? 'msteams',
        serviceUrl,
        // No audience: the connector's own (botbuilder's default), as continueConversationAsync uses.
        undefined as unknown as string,
        { isGroup: false, bot, members: [user], tenantId, channelData: { tenant: { id: tenantId } } },
        async (context) => {
          conversationId = context.activity.conversation.id;
        },
      );
    } catch (error) {
      const refusal = readConnectorRefusal(error);
      if (!refusal.permanent) throw error;
      // Blocked or uninstalled: recorded once, with the reason; the person's next message clears it.
      const existing = await store.conversations.find('teams', 'person', member.aadObjectId);
      if (!existing)
        await store.conversations.save({
          platform: 'teams',
          kind: 'person',
          key: member.aadObjectId,
          reference: { channelId: 'msteams', serviceUrl, bot, user, conversation: { tenantId } },
        });
      await store.conversations.markUnreachable('teams', 'person', member.aadObjectId, refusal.reason);
      return null;
    }
    const stored: StoredConversation = {
      platform: 'teams',
      kind: 'person',
      key: member.aadObjectId,
      reference: JSON.parse(
        JSON.stringify({
          channelId: reference.channelId ?? 'msteams',
          serviceUrl,
          bot,
          user,
          conversation: { id: conversationId, conversationType: 'personal', tenantId },
        }),
      ),
    };
    await store.conversations.save(stored);
    return stored;
  }

  /** Opens chats with the owners in one team's roster; `only` narrows to owners who still need one. */
  async function reachTeam(team: KnownTeam, owners: readonly OwnerContact[]): Promise<number> {
    const byAad = new Map<string, OwnerContact>();
    const byEmail = new Map<string, OwnerContact>();
    for (const o of owners) {
      for (const i of o.identities) if (i.platform === 'teams') byAad.set(i.externalId, o);
      if (o.email) byEmail.set(o.email, o);
    }
    if (owners.length === 0) return 0;
    let opened = 0;
    for (const member of await readRoster(team)) {
      if (!member.id || !member.aadObjectId) continue;
      const email = memberEmail(member);
      const owner = byAad.get(member.aadObjectId) ?? (email ? byEmail.get(email) : undefined);
      if (!owner) continue;
      if (!byAad.has(member.aadObjectId))
        await store.people.ensurePerson({
          platform: 'teams',
          externalId: member.aadObjectId,
          displayName: member.name || undefined,
          email,
        });
      // A chat already kept (or recorded as refused) is not opened again.
      if (await store.conversations.find('teams', 'person', member.aadObjectId)) continue;
      try {
        if (await openChat(team.reference, { ...member, id: member.id, aadObjectId: member.aadObjectId }))
          opened++;
      } catch (error) {
        // Not this time (the connector is down, a 5xx): the next run, or the next start, tries again.
        logger.warn('teams chat could not be opened', { error: readConnectorRefusal(error).reason });
      }
    }
    return opened;
  }

  function once(teamId: string, work: () => Promise<number>): Promise<number> {
    const running = inFlight.get(teamId);
    if (running) return running;
    const started = work().finally(() => inFlight.delete(teamId));
    inFlight.set(teamId, started);
    return started;
  }

  async function knownTeams(): Promise<KnownTeam[]> {
    return (await store.conversations.list('teams', 'team')).map((t) => ({
      teamId: t.key,
      reference: t.reference,
    }));
  }

  /** Reaches `owners` in every known team, each team on its own: one failing does not stop the rest. */
  async function reachInTeams(owners: readonly OwnerContact[]): Promise<number> {
    let opened = 0;
    for (const team of await knownTeams()) {
      try {
        opened += await once(team.teamId, () => reachTeam(team, owners));
      } catch (error) {
        logger.warn('teams roster read failed', { error: readConnectorRefusal(error).reason });
      }
    }
    return opened;
  }

  return {
    async onInstalled(team) {
      await store.conversations.save({
        platform: 'teams',
        kind: 'team',
        key: team.teamId,
        reference: team.reference,
      });
      try {
        return await once(team.teamId, async () =>
          reachTeam(team, await store.scheduleReads.listOwnerContacts()),
        );
      } catch (error) {
        // The install is kept: the next start, or the next run, reads the roster again.
        logger.warn('teams roster read failed', { error: readConnectorRefusal(error).reason });
        return 0;
      }
    },
    async onRemoved(teamId) {
      await store.conversations.remove('teams', 'team', teamId);
    },
    async reachKnownTeams() {
      return reachInTeams(await store.scheduleReads.listOwnerContacts());
    },
    async reachOwners(owners) {
      // Owners whose Teams chat is not known: by their Teams account, or by email with no account at all.
      const waiting: OwnerContact[] = [];
      for (const o of owners) {
        const teams = o.identities.find((i) => i.platform === 'teams');
        if (teams) {
          if (!(await store.conversations.find('teams', 'person', teams.externalId))) waiting.push(o);
        } else if (o.email && o.identities.length === 0) waiting.push(o);
      }
      return waiting.length ? reachInTeams(waiting) : 0;
    },
    async reopen(stored) {
      const user = (stored.reference as Partial<ConversationReference>).user;
      if (!user?.id) return null;
      try {
        return await openChat(stored.reference, { id: user.id, name: user.name, aadObjectId: stored.key });
      } catch (error) {
        logger.warn('teams chat could not be opened again', { error: readConnectorRefusal(error).reason });
        return null;
      }
    },
  };
}

/** A member's email address as Teams gives it: `email`, else a `userPrincipalName` that is one. */
export function memberEmail(member: Pick<Member, 'email' | 'userPrincipalName'>): string | undefined {
  const email = member.email || (member.userPrincipalName?.includes('@') ? member.userPrincipalName : '');
  return email ? email.trim().toLowerCase() : undefined;
}
