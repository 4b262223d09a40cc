import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { loadConfig } from './src/config.ts';
import { openDriver } from './src/db/adapter.ts';

// Decide embedded vs server from the real environment first. The CLI then needs some postgresql://
// URL to read the schema even though it talks to the database through the adapter: the embedded
// placeholder below is never connected to (see ../shared/PLATFORM-NOTES.md).
const { database } = loadConfig(process.env);
process.env.DATABASE_URL ??= 'postgresql://embedded@localhost/actionbot';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  adapter: async () => (await openDriver(database)).adapter,
});
