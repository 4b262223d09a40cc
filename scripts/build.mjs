// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json), after emptying dist/ so no file of a
// removed source lingers. dist/ mirrors src/, so paths such as prisma/migrations resolve the same from both.
// Extra arguments go to tsc (the built-start test passes --noCheck: `npm test` has type-checked already).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
