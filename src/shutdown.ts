import os from 'node:os';

/** One part of the process to stop; `stop` may resolve with a list naming what it left over. */
export type StopStep = { name: string; stop(): Promise<unknown> };

/**
 * Stops the steps together and waits for them at most `withinMs`. Returns what was unfinished: what
 * the steps reported left over, a step that failed, and any step still stopping at the deadline
 * (the process exits without it: what it was doing is redone from the database after the restart).
 */
export async function stopWithin(steps: readonly StopStep[], withinMs: number): Promise<string[]> {
  const leftOver: string[] = [];
  const settled = new Set<StopStep>();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, withinMs);
  });
  const all = Promise.all(
    steps.map(async (step) => {
      try {
        const left = await step.stop();
        if (Array.isArray(left)) leftOver.push(...left.map(String));
      } catch (error) {
        leftOver.push(`${step.name} (failed: ${error instanceof Error ? error.message : String(error)})`);
      } finally {
        settled.add(step);
      }
    }),
  );
  await Promise.race([all, deadline]);
  clearTimeout(timer);
  return [
    ...leftOver,
    ...steps.filter((s) => !settled.has(s)).map((s) => `${s.name} (not stopped after ${withinMs} ms)`),
  ];
}

/**
 * Resolves with the first SIGINT or SIGTERM. Any later one calls `atOnce` with its exit code
 * (128 + the signal's number): whoever sends a second signal wants the process gone now.
 */
export function waitForStopSignal(
  atOnce: (signal: NodeJS.Signals, exitCode: number) => void,
): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) return atOnce(signal, 128 + os.constants.signals[signal]);
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
