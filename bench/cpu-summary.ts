// `npx tsx bench/cpu-summary.ts <file.cpuprofile> [top]`: a V8 CPU profile (node --cpu-prof) summed by
// self time, per package (ours = src/ or dist/) and per function, idle time left out.
import fs from 'node:fs';
import { packageOf } from './memory-profile.ts';

type Frame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Self time (ms) by package and by function, with the total busy time, of one CPU profile. */
export function summarizeCpuProfile(profile: Profile): {
  busyMs: number;
  packages: [string, number][];
  functions: [string, number][];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame || frame.functionName === '(idle)') return;
    busy += ms;
    const pkg = categoryOf(frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busyMs: busy, packages: sorted(byPackage), functions: sorted(byFunction) };
}

function categoryOf(frame: Frame): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node internals';
  // The one WebAssembly module a serving process runs is Prisma's query compiler.
  if (frame.url.startsWith('wasm://')) return '@prisma/client query compiler (WASM)';
  if (frame.url.includes('/node_modules/')) return packageOf(frame.url);
  if (frame.url.includes('/src/generated/') || frame.url.includes('/dist/generated/'))
    return '@prisma/client';
  return frame.url.includes('/bench/') ? 'bench app' : 'ours';
}

function shortUrl(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) return url.slice(at + 'node_modules/'.length);
  return url.replace(/^file:\/\/.*?\/(dist|src|bench)\//, '$1/');
}

/** The summary as two Markdown tables: top packages and top functions by self time. */
export function renderCpuSummary(name: string, profile: Profile, top = 15): string {
  const { busyMs, packages, functions } = summarizeCpuProfile(profile);
  const pct = (ms: number) => `${((100 * ms) / busyMs).toFixed(1)}%`;
  return [
    `#### ${name}: ${(busyMs / 1000).toFixed(1)} s of CPU (idle left out), self time`,
    '',
    '| package | self ms | share |',
    '| --- | ---: | ---: |',
    ...packages.slice(0, top).map(([p, ms]) => `| ${p} | ${ms.toFixed(0)} | ${pct(ms)} |`),
    '',
    '| function | self ms | share |',
    '| --- | ---: | ---: |',
    ...functions.slice(0, top).map(([f, ms]) => `| \`${f}\` | ${ms.toFixed(0)} | ${pct(ms)} |`),
  ].join('\n');
}

if (process.argv[1]?.endsWith('cpu-summary.ts') && process.argv[2]) {
  const file = process.argv[2];
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  process.stdout.write(`${renderCpuSummary(file, profile, Number(process.argv[3] ?? 15))}\n`);
}
