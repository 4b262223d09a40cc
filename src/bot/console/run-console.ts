import readline from 'node:readline';
import {
  type CommandRequest,
  type DispatchDeps,
  dispatch,
  isAnonymousRequest,
} from '../../commands/dispatch.ts';
import type { Logger } from '../../logger.ts';
import { renderText } from './render-text.ts';

/** The console's streams and who is typing. */
export type ConsoleOptions = {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The console user's name: they act as `console:<user>`. */
  user: string;
  /** Show a prompt and a greeting (a person at a terminal rather than a script). */
  interactive: boolean;
  logger: Logger;
};

/**
 * The local console front door: one command per line, replies as text, until end of input.
 * Lines are handled one at a time, in order, so piped scripts behave like a person typing.
 */
export async function runConsole(deps: DispatchDeps, options: ConsoleOptions): Promise<void> {
  const { input, output, user, interactive, logger } = options;
  const lines = readline.createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    write(`Actionbot console. You are console:${user}. Type help for the commands; Ctrl-D to leave.`);
    lines.setPrompt('action> ');
    lines.prompt();
  }
  for await (const line of lines) {
    if (line.trim()) {
      const request: CommandRequest = {
        text: line,
        actor: { platform: 'console', externalId: user, displayName: user },
      };
      write(await handleLine(request, deps, logger));
    }
    if (interactive) lines.prompt();
  }
}

async function handleLine(request: CommandRequest, deps: DispatchDeps, logger: Logger): Promise<string> {
  try {
    return renderText(await dispatch(request, deps));
  } catch (error) {
    // An anonymous request's error may quote its text (e.g. a database error): log only its kind.
    const logged = isAnonymousRequest(request.text) ? { name: (error as Error).name } : error;
    logger.error('command failed', { error: logged, platform: 'console' });
    return '✗ Something went wrong on our side; the details are in the log. Check with show before trying again.';
  }
}
