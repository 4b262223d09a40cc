import { readMemory, startProcess } from './processes.ts';

const IDLE_MS = 8_000;
const ROUNDS = 3;
const FLOOR = 'bare Bolt + botbuilder + Prisma client imported';
const OURS = 'Actionbot on PostgreSQL (server), built, Slack';

/**
 * Idle RSS, 8 s after ready, of the floor and the built Actionbot, each with glibc's default malloc and
 * with MALLOC_ARENA_MAX=2 (the systemd unit's setting): ROUNDS alternating starts each, medians, so
 * that one start's luck (V8's young generation grown or not when start-up ended) does not decide.
 */
export async function benchIdleRss(databaseUrl: string, slackApiUrl: string): Promise<string> {
  const secret = 'bench-signing-secret';
  const bases: { name: string; entry: string; env: Record<string, string> }[] = [
    { name: FLOOR, entry: 'bench/bare/bare-bolt.mjs', env: { BARE_IMPORTS: '1', SIGNING_SECRET: secret } },
    {
      name: OURS,
      entry: 'dist/main.js',
      env: {
        SLACK_BOT_TOKEN: 'xoxb-bench-token',
        SLACK_SIGNING_SECRET: secret,
        ACTIONBOT_SCHEDULES: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
      },
    },
  ];
  const configs = bases.flatMap((c) => [
    { ...c, malloc: 'default' },
    { ...c, malloc: 'MALLOC_ARENA_MAX=2', env: { ...c.env, MALLOC_ARENA_MAX: '2' } },
  ]);
  const samples = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++)
    for (const c of configs) {
      const proc = await startProcess(
        c.entry,
        { ...c.env, SLACK_API_URL: slackApiUrl },
        c.entry.startsWith('dist') ? 'readyz' : 'stderr',
      );
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const key = `${c.name}|${c.malloc}`;
      samples.set(key, [...(samples.get(key) ?? []), readMemory(proc.child.pid as number).rss]);
      await proc.stop();
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const med = (name: string, malloc: string) => median(samples.get(`${name}|${malloc}`) ?? []);
  return [
    `### Idle RSS, ${IDLE_MS / 1000} s after ready: median of ${ROUNDS} alternating starts`,
    '',
    '| process | malloc | RSS MB, median | each start | ratio to the floor (same malloc) |',
    '| --- | --- | ---: | --- | ---: |',
    ...configs.map(
      (c) =>
        `| ${c.name} | ${c.malloc} | ${med(c.name, c.malloc).toFixed(0)} | ${(samples.get(`${c.name}|${c.malloc}`) ?? []).map((x) => x.toFixed(0)).join(', ')} | ${(med(c.name, c.malloc) / med(FLOOR, c.malloc)).toFixed(2)}x |`,
    ),
  ].join('\n');
}
