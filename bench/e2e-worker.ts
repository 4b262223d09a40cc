import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { signSlackRequest } from '../test/support/fake-slack.ts';
import { runLoad } from './stats.ts';

/** What the end-to-end load generator measures: one server, its signing secret, the load's shape. */
export type E2eJob = {
  url: string;
  secret: string;
  refs: string[];
  warmup: number;
  total: number;
  concurrency: number;
};
/** Per request: the ack's latency and the answer's arrival at response_url, both from the request's start (ms). */
export type E2eResult = {
  ack: number[];
  answer: number[];
  seconds: number;
  unacked: number;
  unanswered: number;
};

// The response_url receiver lives in this thread, so request and answer are timed on one clock.
const job = workerData as E2eJob;
const waiting = new Map<number, () => void>();
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    waiting.get(Number(req.url?.split('/').at(-1)))?.();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/r/`;
const ack: number[] = [];
const answer: number[] = [];
let unacked = 0;
let unanswered = 0;

const send = async (i: number) => {
  const answered = new Promise<void>((resolve) => waiting.set(i, resolve));
  const body = new URLSearchParams({
    command: '/action',
    text: `update ${job.refs[i % job.refs.length]} green Bench note ${i}`,
    user_id: 'U0BENCH',
    user_name: 'bench',
    team_id: 'T0BENCH',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    response_url: `${base}${i}`,
    trigger_id: `e2e-${Date.now()}-${i}`,
  }).toString();
  const start = performance.now();
  const res = await fetch(job.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(job.secret, body) },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) {
    // Bolt answers 404 when a listener did not ack within 3 s: Slack shows the person an error.
    waiting.delete(i);
    if (i >= job.warmup) unacked++;
    return;
  }
  const acked = performance.now() - start;
  // An answer that never comes is counted, not waited for: the person would see nothing.
  const arrived = await Promise.race([
    answered.then(() => true),
    new Promise((r) => setTimeout(r, 15_000, false)),
  ]);
  waiting.delete(i);
  if (!arrived) {
    if (i >= job.warmup) unanswered++;
    return;
  }
  if (i >= job.warmup) {
    ack.push(acked);
    answer.push(performance.now() - start);
  }
};
await runLoad(job.warmup, job.concurrency, send);
const started = performance.now();
await runLoad(job.total, job.concurrency, (i) => send(i + job.warmup));
const result: E2eResult = { ack, answer, seconds: (performance.now() - started) / 1000, unacked, unanswered };
receiver.close();
parentPort?.postMessage(result);
