import { createHash } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import type { Conversation } from '../../commands/command.ts';

/** A user named in a message with Teams' `<at>Name</at>` mention entity. */
export type TeamsMention = { id: string; name: string };

/** A message's command text, with the bot's own mention removed and each other mention as one `@word`. */
export type CommandText = { text: string; mentions: Map<string, TeamsMention> };

type MentionEntity = { type: 'mention'; text?: string; mentioned?: { id?: string; name?: string } };

/**
 * Turns a Teams message into command text. In channels and group chats people write
 * `<at>Actionbot</at> owner "Head of HR" <at>Jane Doe</at>`: the bot's mention goes, and every other
 * mention becomes a single word (`@Jane.Doe`) the command parser reads as a person, remembered with
 * the Teams user it stands for.
 */
export function readCommandText(activity: Pick<Activity, 'text' | 'entities' | 'recipient'>): CommandText {
  let text = (activity.text ?? '').replace(/&nbsp;|\u00a0/g, ' ');
  const mentions = new Map<string, TeamsMention>();
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    if (entity.type !== 'mention' || !entity.text || !entity.mentioned?.id) continue;
    if (entity.mentioned.id === activity.recipient?.id) {
      text = text.split(entity.text).join(' ');
      continue;
    }
    const name = entity.mentioned.name || entity.text.replace(/<\/?at>/g, '');
    const word = uniqueWord(toMentionWord(name), mentions);
    mentions.set(word, { id: entity.mentioned.id, name });
    text = text.split(entity.text).join(` ${word} `);
  }
  // A mention Teams sent without an entity (or of the bot, under another name) is dropped, not parsed.
  text = text.replace(/<at>[^<]*<\/at>/g, ' ');
  return { text: text.replace(/[ \t]+/g, ' ').trim(), mentions };
}

function toMentionWord(name: string): string {
  const word = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `@${word || 'someone'}`;
}

function uniqueWord(word: string, taken: Map<string, unknown>): string {
  let candidate = word;
  for (let n = 2; taken.has(candidate); n++) candidate = `${word}-${n}`;
  return candidate;
}

/** Where a message was written: Teams' personal chat, a team channel or a group chat. */
export function toConversation(activity: Pick<Activity, 'conversation' | 'channelData'>): Conversation {
  const id = baseConversationId(activity.conversation.id);
  switch (activity.conversation.conversationType) {
    case 'channel': {
      const data = activity.channelData as
        | { channel?: { name?: string }; team?: { id?: string } }
        | undefined;
      return {
        kind: 'channel',
        id,
        ...(data?.channel?.name ? { name: data.channel.name } : {}),
        ...(data?.team?.id ? { teamId: data.team.id } : {}),
      };
    }
    case 'groupChat':
      return { kind: 'group', id };
    default:
      return { kind: 'direct', id };
  }
}

/** A channel thread's id is `<channel>;messageid=<root>`: the channel itself is the part before. */
export function baseConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

/**
 * The reference proactive messages need to reach this conversation again, without the message it came
 * from (a channel's reference points at the channel, not at the thread).
 */
export function toStoredReference(reference: Partial<ConversationReference>): Record<string, unknown> {
  const { activityId: _activityId, ...rest } = reference;
  const conversation = rest.conversation && {
    ...rest.conversation,
    id: baseConversationId(rest.conversation.id),
  };
  return JSON.parse(JSON.stringify({ ...rest, conversation }));
}

/** The request key of a message: its activity id, hashed, so a redelivery records nothing twice. */
export function toActivityRequestKey(activityId: string): string {
  return `teams:activity:${createHash('sha256').update(activityId).digest('hex')}`;
}
