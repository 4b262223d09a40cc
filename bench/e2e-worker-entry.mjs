// Worker threads do not inherit tsx's loader: load the TypeScript worker through it.
import { tsImport } from 'tsx/esm/api';

await tsImport('./e2e-worker.ts', import.meta.url);
