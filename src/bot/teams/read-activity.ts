import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

// Activities are small: a card submit with a 4,000-character note is a few KB. Refuse anything huge.
const BODY_LIMIT = 256 * 1024;

const account = z.object({ id: z.string().min(1).max(512) }).passthrough();
/** The fields every activity we act on must have; the rest passes through to botbuilder unchanged. */
const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z
      .string()
      .url()
      .regex(/^https?:\/\//i),
    channelId: z.string().min(1).max(64),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    text: z.string().optional(),
    entities: z.array(z.unknown()).optional(),
  })
  .passthrough();

/** An activity read from a request, or why it was refused (nothing else was done). */
export type ReadActivity =
  | { ok: true; activity: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; reason: string };

/** Reads and checks a posted activity: JSON, within the size limit, with the fields a turn needs. */
export async function readActivity(req: IncomingMessage): Promise<ReadActivity> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    req.resume();
    return { ok: false, status: 415, reason: 'expected application/json' };
  }
  const body = await readBody(req, BODY_LIMIT);
  if (body === null) return { ok: false, status: 413, reason: `body over ${BODY_LIMIT} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  const parsed = activitySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      status: 400,
      reason: `not an activity: ${issue?.path.join('.') || 'body'} ${issue?.message}`,
    };
  }
  return { ok: true, activity: parsed.data };
}

/** The body as text, or null past the limit (the rest is drained, not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
