import type { MemberIdentity, NetworkMembership } from '../domain/feedback-ports.ts';
import type { Person, Platform } from '../domain/person.ts';
import type { PlanUploads } from '../domain/plan-upload.ts';
import type { Clock, Store } from '../domain/ports.ts';
import type { ReportDocuments } from '../domain/report/report-documents.ts';
import type { ScheduleSettings } from '../domain/schedule.ts';
import type { Refusal, Reply } from './reply.ts';
import type { Token } from './tokenize.ts';

/** A chat conversation: a direct chat with the bot, a channel (Slack channel, Teams team channel) or a group chat. */
export type Conversation = {
  kind: 'direct' | 'channel' | 'group';
  id: string;
  name?: string;
  /** The Teams team a channel belongs to (its roster is the team's members). */
  teamId?: string;
};

/** Everything a command may use: the asker, what they may do, and the ports. */
export type CommandContext = {
  store: Store;
  clock: Clock;
  person: Person;
  platform: Platform;
  isAdmin: boolean;
  /**
   * Identifies one user gesture (a button click, a form submission) across duplicate deliveries;
   * an update carrying a key already recorded is not recorded again. Absent for typed commands.
   */
  requestKey?: string;
  /**
   * The gesture the command came from when it asks for more than its text: a quick status button
   * (`quick-status`) is answered with the form, that status chosen, when the status needs a note.
   */
  gesture?: 'quick-status' | undefined;
  /**
   * When the message the gesture came from was composed (a prompt's `asOf`): an action updated
   * after it is not updated again from that stale copy; the answer says what its status is now.
   */
  asOf?: Date | undefined;
  /** Where the command was typed, when known (the console has none). */
  conversation?: Conversation | undefined;
  /** The deployment's schedule settings (bank holidays...); absent: the defaults. */
  schedule?: ScheduleSettings | undefined;
  /** Where files can be uploaded in chat (Slack, Teams): their store and the plan file reader. */
  uploads?: PlanUploads | undefined;
  /** Writes Word reports; absent: `report ... docx` is refused. */
  documents?: ReportDocuments | undefined;
  /** Turns a mention word (`@jane`, `<@U123>`) into a person, or null when it names nobody. */
  resolveMention(word: string): Promise<Person | null>;
  /**
   * Turns a mention word into a platform identity WITHOUT making it a known person (nothing stored):
   * for staff-network member lists, which keep only keyed hashes.
   */
  resolveIdentity(word: string): Promise<MemberIdentity | null>;
};

/**
 * What an anonymous request (sending, checking or withdrawing feedback) runs with: no person, nothing
 * about the asker but their platform identity, held in memory for a live membership check and never
 * stored or logged.
 */
export type AnonymousContext = {
  store: Store;
  clock: Clock;
  platform: Platform;
  who: MemberIdentity;
  conversation?: Conversation | undefined;
  /** The front door's live membership check for linked channels/teams; absent: member lists only. */
  membership?: NetworkMembership | undefined;
  /**
   * The text is a chat message the platform keeps under the sender's name (a message typed in Teams:
   * retention, eDiscovery, compliance export): feedback text must not arrive this way.
   */
  retained?: boolean | undefined;
};

/** The words after the verb, and the whole text so notes keep their spacing. */
export type CommandInput = { text: string; args: Token[] };

/** Parsing's answer: the typed command, or a short reply saying what was expected. */
export type ParseResult<T> = { ok: true; value: T } | ({ ok: false; error: string } & Partial<Refusal>);

/**
 * A parsed command, ready to run once the asker is known. `anonymous` requests run without the
 * asker ever being looked up or recorded (see {@link AnonymousContext}).
 */
export type Prepared =
  | { ok: true; anonymous?: false; run(ctx: CommandContext): Promise<Reply> }
  | { ok: true; anonymous: true; run(ctx: AnonymousContext): Promise<Reply> }
  | ({ ok: false; error: string } & Partial<Refusal>);

/** One verb of the command language. */
export type Command = {
  name: string;
  /** One line for `help`. */
  summary: string;
  /** Syntax lines for `help <command>` and for replies to malformed input. */
  usage: readonly string[];
  adminOnly?: boolean;
  /** Parses without touching anything, so malformed input is refused before any lookup or write. */
  prepare(input: CommandInput): Prepared;
};

/** A verb's parts: a parser to a typed value and a handler for it. */
export type CommandDefinition<T> = Omit<Command, 'prepare'> & {
  parse(input: CommandInput): ParseResult<T>;
  run(value: T, ctx: CommandContext): Promise<Reply>;
  /**
   * For requests that must stay anonymous: the handler to run instead of `run`, without the asker being
   * looked up or stored; null for requests that run normally.
   */
  anonymous?(value: T): ((ctx: AnonymousContext) => Promise<Reply>) | null;
};

/** Builds a {@link Command}; malformed input gets the parser's reply followed by the usage. */
export function defineCommand<T>(
  definition: CommandDefinition<T>,
): Command & Pick<CommandDefinition<T>, 'parse'> {
  return {
    ...definition,
    prepare(input) {
      const parsed = definition.parse(input);
      if (!parsed.ok) return { ...parsed, error: `${parsed.error}\nUsage: ${definition.usage.join(' | ')}` };
      const anonymous = definition.anonymous?.(parsed.value);
      if (anonymous) return { ok: true, anonymous: true, run: anonymous };
      return { ok: true, run: (ctx: CommandContext) => definition.run(parsed.value, ctx) };
    },
  };
}
