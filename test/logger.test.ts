import { describe, expect, it } from 'vitest';
import { describeError } from '../src/domain/logged-error.ts';
import { createLogger } from '../src/logger.ts';

function recordLines() {
  const written: string[] = [];
  const logger = createLogger('debug', (line) => written.push(line));
  return { written, logger };
}

describe('error log lines', () => {
  it('log a deep recursion with its kind and at most five frames, however deep the stack', () => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 200; // as under --stack-trace-limit: V8 would keep 130 frames and more
    let error: unknown;
    try {
      const overflow = (): number => overflow() + 1;
      overflow();
    } catch (caught) {
      error = caught;
    } finally {
      Error.stackTraceLimit = limit;
    }
    expect((error as Error).stack?.split('\n').length).toBeGreaterThan(130);
    const { written, logger } = recordLines();
    logger.error('job failed', { error });
    expect(written).toHaveLength(1);
    expect(written[0]?.indexOf('\n')).toBe((written[0]?.length ?? 0) - 1); // one line of JSON
    const line = JSON.parse(written[0] ?? '{}') as { error: { stack: string[] } };
    expect(line).toMatchObject({
      level: 'error',
      msg: 'job failed',
      error: { kind: 'RangeError', message: 'Maximum call stack size exceeded' },
    });
    const { stack } = line.error;
    expect(stack.length).toBeGreaterThan(0);
    expect(stack.length).toBeLessThanOrEqual(5);
    expect(stack.every((frame) => /^at .*logger\.test\.ts:\d+:\d+\)?$/.test(frame))).toBe(true);
  });

  it('name the kind by the error code when there is one (a driver or system error)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(describeError(refused)).toMatchObject({ kind: 'ECONNREFUSED', message: refused.message });
    expect(describeError(Object.assign(new Error('x'), { code: 42 }))).toMatchObject({ kind: 'Error' });
    expect(describeError('thrown text Jane typed')).toEqual({ kind: 'string', stack: [] });
  });

  it('keep a message to its first line, and never let a multi-line message pass as frames', () => {
    const error = new Error(
      `Invalid prisma.progressUpdate.create() invocation:\n    at note: "Budget for Jane (x.ts:1:1)"\n${'y'.repeat(500)}`,
    );
    const described = describeError(error);
    expect(described.message).toBe('Invalid prisma.progressUpdate.create() invocation:');
    expect(JSON.stringify(described.stack)).not.toContain('Jane');
    expect(described.stack[0]).toMatch(/logger\.test\.ts:\d+:\d+/);
    expect(describeError(error, { message: false })).toEqual({ kind: 'Error', stack: described.stack });
    const long = describeError(new Error('z'.repeat(1_000)));
    expect(long.message).toHaveLength(200);
  });
});
