import { describeError } from '../domain/logged-error.ts';
import type { Actor, Platform } from '../domain/person.ts';
import { findBrokenCharacter, neutraliseBidi, stripControlCharacters } from '../domain/text-hygiene.ts';
import { type CommandRequest, type DispatchDeps, parseCommand, runParsedCommand } from './dispatch.ts';
import { createErrorReply, type Reply } from './reply.ts';

/**
 * What a front door hands the pipeline: the command text and who sent it as the platform says (an
 * id, no look-up). `identify` looks the person's profile up (name, email, time zone); the pipeline
 * calls it only for requests that are not anonymous.
 */
export type PipelineRequest = Omit<CommandRequest, 'actor'> & {
  who: { platform: Platform; externalId: string };
  identify?: () => Promise<Actor>;
};

/**
 * The pipeline's answer: the reply, and what the front door may do around it. `anonymous`: store
 * nothing about the sender (no conversation reference, no profile) and log nothing of the text;
 * `understood`: the text parsed as a command (a refusal of malformed input is not).
 */
export type Handled = { reply: Reply; anonymous: boolean; understood: boolean };

/** Where the pipeline reports a command that failed. */
export type ErrorLog = { error(message: string, fields?: Record<string, unknown>): void };

/** What every front door says when a command failed on our side. */
export const APOLOGY =
  'Something went wrong on our side; the details are in the log. Check with show before trying again.';

/**
 * The one way into the command language for every front door (Slack, Teams, the console): parses
 * once, looks the sender up only when the command is not anonymous, runs it, and catches and logs a
 * failure once: its kind and first stack frames, never its message (it may quote the text); for an
 * anonymous request only its kind. Never throws.
 */
export async function handleCommand(
  request: PipelineRequest,
  deps: DispatchDeps & { logger: ErrorLog },
): Promise<Handled> {
  const refusal = refuseBrokenText(request.text);
  if (refusal) return { reply: refusal, anonymous: false, understood: false };
  const parsed = parseCommand(neutraliseBidi(request.text));
  if (!parsed.ok) return { reply: parsed.reply, anonymous: false, understood: false };
  const anonymous = parsed.prepared.anonymous === true;
  try {
    const actor: Actor = anonymous || !request.identify ? request.who : cleanActor(await request.identify());
    return {
      reply: await runParsedCommand(parsed, { ...request, actor }, deps),
      anonymous,
      understood: true,
    };
  } catch (error) {
    // Never the message: it may quote the text or the profile (Prisma's print the query's arguments).
    const { kind, stack } = describeError(error, { message: false });
    deps.logger.error('command failed', {
      platform: request.who.platform,
      command: parsed.command.name,
      error: anonymous ? { kind } : { kind, stack },
    });
    return { reply: createErrorReply(APOLOGY), anonymous, understood: true };
  }
}

/** A refusal of text with a control character or half a surrogate pair in it; null for clean text. */
function refuseBrokenText(text: string): Reply | null {
  const broken = findBrokenCharacter(text);
  if (!broken) return null;
  return broken.kind === 'control'
    ? createErrorReply(
        `That text has a control character (${broken.code}) in it: remove it and send it again.`,
        { code: 'control_character' },
      )
    : createErrorReply(
        `That text has half a character (${broken.code}, part of an emoji or symbol) in it: remove it and send it again.`,
        { code: 'broken_character' },
      );
}

/** A platform profile as we keep it: names and emails without control characters or bidi overrides. */
function cleanActor(actor: Actor): Actor {
  const clean = (text: string | undefined) => text && neutraliseBidi(stripControlCharacters(text));
  return { ...actor, displayName: clean(actor.displayName), email: clean(actor.email) };
}
