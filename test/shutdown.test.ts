import { describe, expect, it } from 'vitest';
import { stopWithin } from '../src/shutdown.ts';

const resolveAfter = (ms: number, value?: unknown) =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('stopWithin', () => {
  it('waits for the steps together and returns what they left over and which failed', async () => {
    const started = Date.now();
    const unfinished = await stopWithin(
      [
        { name: 'server', stop: () => resolveAfter(30) },
        { name: 'schedules', stop: () => resolveAfter(40, ['scheduled run digest:2027-01-18']) },
        { name: 'teams', stop: () => Promise.reject(new Error('socket closed')) },
      ],
      1_000,
    );
    expect(Date.now() - started).toBeLessThan(500); // together, not one after another past the slowest
    expect(unfinished).toEqual(['teams (failed: socket closed)', 'scheduled run digest:2027-01-18']);
  });

  it('gives up on a step still running at the deadline, naming it, and ignores what it says later', async () => {
    const started = Date.now();
    const unfinished = await stopWithin(
      [
        { name: 'server', stop: () => resolveAfter(10) },
        { name: 'scheduled sends', stop: () => resolveAfter(2_000, ['too late']) },
      ],
      200,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(unfinished).toEqual(['scheduled sends (not stopped after 200 ms)']);
  });
});
