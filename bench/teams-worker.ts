import { parentPort, workerData } from 'node:worker_threads';
import { type FakeMember, startFakeConnector } from '../test/support/fake-connector.ts';
import type { E2eResult } from './e2e-worker.ts';
import { runLoad } from './stats.ts';

/** The Teams load: one server's /api/messages, the people who type, the load's shape. */
export type TeamsJob = {
  url: string;
  /** The people who type, each in their own personal chat (so no chat passes Teams' 7 messages a second). */
  people: FakeMember[];
  refs: string[];
  /** What every reply's text must contain (`Updated`, `echo:`): another answer is counted as wrong. */
  expect: string;
  warmup: number;
  total: number;
  concurrency: number;
};

const TENANT = 'tenant-0001';

// The fake connector lives in this thread, so a message and its reply are timed on one clock.
const job = workerData as TeamsJob;
const waiting = new Map<string, (at: number) => void>();
let wrong = 0;
const fake = await startFakeConnector(TENANT, {
  onSent: (sent) => {
    if (!sent.replyToId) return;
    if (!JSON.stringify(sent.activity).includes(job.expect)) wrong++;
    waiting.get(sent.replyToId)?.(performance.now());
  },
});
for (const person of job.people) fake.members.set(person.id, person);
const ack: number[] = [];
const answer: number[] = [];
let unacked = 0;
let unanswered = 0;

const send = async (i: number) => {
  const person = job.people[i % job.people.length] as FakeMember;
  const id = `in-${i}`;
  const replied = new Promise<number>((resolve) => waiting.set(id, resolve));
  const body = JSON.stringify({
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    serviceUrl: fake.url,
    channelId: 'msteams',
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: '28:actionbot-bench', name: 'Actionbot' },
    conversation: { id: `a:personal-${person.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: `update ${job.refs[i % job.refs.length]} green Bench note ${i}`,
  });
  const start = performance.now();
  const res = await fetch(job.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  const acked = performance.now() - start;
  // The turn sends its reply before the HTTP answer: a reply not there by then is counted, not waited for.
  const at = await Promise.race([replied, new Promise<number>((r) => setTimeout(r, 1_000, Number.NaN))]);
  const answered = at - start;
  waiting.delete(id);
  if (i < job.warmup) return;
  if (res.status !== 200) unacked++;
  else if (Number.isNaN(answered)) unanswered++;
  else {
    ack.push(acked);
    answer.push(answered);
  }
};
await runLoad(job.warmup, job.concurrency, send);
const started = performance.now();
await runLoad(job.total, job.concurrency, (i) => send(i + job.warmup));
const result: E2eResult = { ack, answer, seconds: (performance.now() - started) / 1000, unacked, unanswered };
fake.expectViolations(); // counted below instead: a refusal is a failed reply, not a crash of the bench
const violations = fake.violations.length + fake.throttled;
await fake.close();
parentPort?.postMessage({ ...result, violations, wrong });
