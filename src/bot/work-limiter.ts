/**
 * Runs at most `limit` tasks at once; the rest wait their turn in arrival order. Front doors that
 * acknowledge first and work afterwards (Slack) put the work here, so a burst of requests cannot
 * crowd out the acknowledgements of the next ones.
 */
export function createWorkLimiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      // A finishing task hands its slot straight to the next waiter, so the limit is never exceeded.
      if (running < limit) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        // Let pending I/O (new requests to acknowledge) go first: an embedded database answers
        // through microtasks alone, and a backlog of commands would otherwise never yield.
        await new Promise<void>((resolve) => setImmediate(resolve));
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    /** Tasks running and waiting. */
    get pending() {
      return running + waiting.length;
    },
  };
}
