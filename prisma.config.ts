import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { loadConfig } from './src/config.ts';
import { openDriver } from './src/db/adapter.ts';

// Decide embedded vs server from the real environment first. The CLI then needs some postgresql://
// URL to read the schema even though it talks to the database through the adapter: the embedded
// placeholder below is never connected to (see ../shared/PLATFORM-NOTES.md).
const { database } = loadConfig(process.env);
process.env.DATABASE_URL ??= 'postgresql://embedded@localhost/actionbot';

// The CLI never opens the embedded database: npm's install runs `prisma -v` (the client's
// postinstall), which calls this adapter, and an embedded PostgreSQL started there would keep the
// install waiting, while a PGlite opened there would claim the data directory for PGlite. The app
// applies migrations itself at start (src/db/migrate.ts); with DATABASE_URL set the CLI uses that server.
const cliTarget =
  database.kind === 'embedded'
    ? { kind: 'embedded' as const, dataDir: 'memory://', engine: 'pglite' as const }
    : database;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  adapter: async () => (await openDriver(cliTarget)).adapter,
});
