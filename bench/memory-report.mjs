// Preloaded by the memory profile (`node --import ./bench/memory-report.mjs --expose-gc ...`): on
// SIGUSR2 the process collects garbage and writes to BENCH_MEMORY_REPORT what its memory is made of:
// process.memoryUsage(), V8's heap spaces, and every module file it has loaded (ESM and CommonJS).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';

const require = createRequire(import.meta.url);
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const spaces = v8
    .getHeapSpaceStatistics()
    .map((s) => ({ name: s.space_name, used: s.space_used_size, size: s.space_size }));
  const report = {
    usage: process.memoryUsage(),
    heap: v8.getHeapStatistics(),
    spaces,
    cjs: Object.keys(require.cache),
  };
  fs.writeFileSync(process.env.BENCH_MEMORY_REPORT ?? 'memory-report.json', JSON.stringify(report));
});
