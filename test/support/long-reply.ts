import { createReply, type Reply } from '../../src/commands/reply.ts';

/**
 * A digest-like reply of `lines` numbered lines (`L000`, `L001` ...) of `width` characters: long
 * enough to need many messages on either platform, and numbered so tests can check that every line
 * arrived once and in order.
 */
export function createLongReply(lines: number, width: number): Reply {
  const text = Array.from(
    { length: lines },
    (_, i) => `L${String(i).padStart(3, '0')} ${'x'.repeat(width - 5)}`,
  );
  return createReply(
    { type: 'heading', text: 'Weekly digest' },
    { type: 'fields', fields: [{ label: 'Green', value: '12' }] },
    { type: 'paragraph', text: text.join('\n') },
  );
}

/** The numbered lines found in what was sent, in the order they were sent. */
export function linesIn(payloads: unknown[]): string[] {
  return [...JSON.stringify(payloads).matchAll(/L\d{3}/g)].map((m) => m[0]);
}

/** The lines `L000` ... of a reply of `lines` lines, in order. */
export function expectedLines(lines: number): string[] {
  return Array.from({ length: lines }, (_, i) => `L${String(i).padStart(3, '0')}`);
}
