import { parentPort, workerData } from 'node:worker_threads';
import { signSlackRequest } from '../test/support/fake-slack.ts';
import { runLoad } from './stats.ts';

/** The load generator, in its own thread so its work does not slow the server it measures. */
export type LoadJob = {
  url: string;
  secret: string;
  responseUrl: string;
  refs: string[];
  warmup: number;
  total: number;
  concurrency: number;
};

const job = workerData as LoadJob;
const send = async (i: number) => {
  const body = new URLSearchParams({
    command: '/action',
    text: `update ${job.refs[i % job.refs.length]} green Bench note ${i}`,
    user_id: 'U0BENCH',
    user_name: 'bench',
    team_id: 'T0BENCH',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    response_url: job.responseUrl,
    trigger_id: `t${i}`,
  }).toString();
  const res = await fetch(job.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(job.secret, body) },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`ack answered ${res.status}`);
};
await runLoad(job.warmup, job.concurrency, send);
parentPort?.postMessage(await runLoad(job.total, job.concurrency, (i) => send(i + job.warmup)));
