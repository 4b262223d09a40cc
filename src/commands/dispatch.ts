import { findClosest } from '../domain/closest-match.ts';
import { looksLikeRef } from '../domain/codes.ts';
import type { NetworkMembership } from '../domain/feedback-ports.ts';
import { truncate } from '../domain/format.ts';
import type { Actor, AdminEntry, Person } from '../domain/person.ts';
import type { PlanUploads } from '../domain/plan-upload.ts';
import type { Clock, Store } from '../domain/ports.ts';
import type { ReportDocuments } from '../domain/report/report-documents.ts';
import type { ScheduleSettings } from '../domain/schedule.ts';
import type { Command, CommandContext, Conversation, Prepared } from './command.ts';
import { COMMANDS } from './registry.ts';
import { createErrorReply, type Reply } from './reply.ts';
import { tokenize } from './tokenize.ts';

/** Longest command text read at all; longer is refused before parsing. */
const MAX_COMMAND_LENGTH = 40_000;

/** What a front door hands over: the text after `/action`, and who sent it. */
export type CommandRequest = {
  text: string;
  actor: Actor;
  /** Turns a platform mention into an identity; without it, `@name` means `<platform>:name`. */
  resolveMention?: (word: string) => Promise<Actor | null>;
  /** See {@link CommandContext.requestKey}. */
  requestKey?: string;
  /** See {@link CommandContext.gesture}. */
  gesture?: CommandContext['gesture'];
  /** See {@link CommandContext.asOf}. */
  asOf?: Date;
  /** See {@link AnonymousContext.retained}. */
  retained?: boolean;
  /** Where the command was typed, when the platform says: commands like `digest subscribe` act on it. */
  conversation?: Conversation;
};

/** The ports and settings every command runs with; `membership` checks staff networks' linked channels. */
export type DispatchDeps = {
  store: Store;
  clock: Clock;
  admins: readonly AdminEntry[];
  membership?: NetworkMembership;
  /** The deployment's schedule settings (bank holidays...), for `cycle` and `digest preview`. */
  schedule?: ScheduleSettings;
  /** The front door's file store and the plan file reader, where files can be uploaded in chat. */
  uploads?: PlanUploads;
  /** Writes Word reports (src/reports); absent: `report ... docx` is refused. */
  documents?: ReportDocuments;
};

/** A command text read without any look-up: the command, or the reply refusing it. */
export type ParsedCommand =
  | { ok: true; text: string; command: Command; prepared: Extract<Prepared, { ok: true }> }
  | { ok: false; reply: Reply };

/** Reads a command text once: length, verb, arguments. Nothing is looked up or written. */
export function parseCommand(rawText: string): ParsedCommand {
  const text = rawText.trim();
  if (!text) return { ok: false, reply: createErrorReply('Type a command, like "list" or "help".') };
  if (text.length > MAX_COMMAND_LENGTH)
    return {
      ok: false,
      reply: createErrorReply(`That is too long to be a command (${text.length} characters).`),
    };
  const [verbToken, ...args] = tokenize(text);
  const verb = (verbToken?.value ?? '').toLowerCase();
  const command = COMMANDS.find((c) => c.name === verb);
  if (!command) return { ok: false, reply: createErrorReply(describeUnknownVerb(verb)) };
  const prepared = command.prepare({ text, args });
  if (!prepared.ok) {
    const { code, field } = prepared;
    return {
      ok: false,
      reply: createErrorReply(prepared.error, code ? { code, ...(field ? { field } : {}) } : undefined),
    };
  }
  return { ok: true, text, command, prepared };
}

/** Runs one command for one person and returns the platform-neutral reply. */
export async function dispatch(request: CommandRequest, deps: DispatchDeps): Promise<Reply> {
  const parsed = parseCommand(request.text);
  return parsed.ok ? runParsedCommand(parsed, request, deps) : parsed.reply;
}

/** Runs a parsed command: anonymously (nobody looked up or stored), or as the person `request.actor` is. */
export async function runParsedCommand(
  parsed: Extract<ParsedCommand, { ok: true }>,
  request: CommandRequest,
  deps: DispatchDeps,
): Promise<Reply> {
  const { command, prepared } = parsed;
  if (prepared.anonymous) {
    // Anonymous feedback: the asker is never looked up or stored (no ensurePerson); only their
    // platform identity is handed over, in memory, for the live membership check.
    return prepared.run({
      store: deps.store,
      clock: deps.clock,
      platform: request.actor.platform,
      who: { platform: request.actor.platform, externalId: request.actor.externalId },
      conversation: request.conversation,
      membership: deps.membership,
      retained: request.retained === true,
    });
  }

  const person = await deps.store.people.ensurePerson(request.actor);
  const isAdmin = isAdminPerson(request.actor, person, deps.admins);
  if (command.adminOnly && !isAdmin) return createErrorReply(`Only admins can use ${command.name}.`);
  const ctx: CommandContext = {
    store: deps.store,
    clock: deps.clock,
    person,
    platform: request.actor.platform,
    isAdmin,
    requestKey: request.requestKey,
    gesture: request.gesture,
    asOf: request.asOf,
    conversation: request.conversation,
    schedule: deps.schedule,
    uploads: deps.uploads,
    documents: deps.documents,
    resolveMention: async (word) => {
      const actor = await (request.resolveMention ?? resolvePlainMention(request.actor.platform))(word);
      return actor && deps.store.people.ensurePerson(actor);
    },
    resolveIdentity: async (word) => {
      const actor = await (request.resolveMention ?? resolvePlainMention(request.actor.platform))(word);
      return actor && { platform: actor.platform, externalId: actor.externalId };
    },
  };
  return prepared.run(ctx);
}

function describeUnknownVerb(verb: string): string {
  if (looksLikeRef(verb)) return `To see an action, type show ${verb}.`;
  const closest = findClosest(
    verb,
    COMMANDS.map((c) => c.name),
  );
  return `I don't know "${truncate(verb)}".${closest ? ` Did you mean ${closest}?` : ''} Type help for the commands.`;
}

function resolvePlainMention(platform: Actor['platform']) {
  return async (word: string): Promise<Actor | null> => {
    const name = /^@([\w.-]{1,64})$/.exec(word)?.[1];
    return name ? { platform, externalId: name, displayName: name } : null;
  };
}

/** Whether ACTIONBOT_ADMINS names this identity or this person's email. */
function isAdminPerson(actor: Actor, person: Person, admins: readonly AdminEntry[]): boolean {
  const emails = [actor.email, person.email].filter(Boolean).map((e) => e?.toLowerCase());
  return admins.some((a) =>
    'email' in a
      ? emails.includes(a.email)
      : a.platform === actor.platform && a.externalId === actor.externalId,
  );
}
