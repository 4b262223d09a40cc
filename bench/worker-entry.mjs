// Worker threads do not inherit tsx's loader: the TypeScript worker named in workerData.script is loaded through it.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.script, import.meta.url);
