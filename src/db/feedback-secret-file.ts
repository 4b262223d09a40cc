import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { ConfigError, type DatabaseTarget } from '../config.ts';
import type { Logger } from '../logger.ts';

/** A generated secret: 32 random bytes (256 bits), written as 43 base64url characters. */
const SECRET_BYTES = 32;
/** Fewer characters in the file means it was cut short or hand-edited: refuse it rather than key with it. */
const MIN_FILE_SECRET_LENGTH = 32;

/** Where the embedded database's generated secret lives: beside its data directory, never inside it. */
export function getFeedbackSecretPath(dataDir: string): string {
  return `${dataDir}.feedback-secret`;
}

/** What choosing the secret needs: how many staff networks the database holds, and a logger. */
export type FeedbackSecretDeps = { countNetworks(): Promise<number>; logger: Logger };

/**
 * The secret that keys feedback receipts and member lists. ACTIONBOT_FEEDBACK_SECRET when set; else,
 * on the embedded database, the file beside its data directory (made on first start, mode 0600), or
 * a random one for a `memory://` database (gone with it). On PostgreSQL without the variable: a
 * {@link ConfigError} when staff networks exist (their hashes need the secret they were made with),
 * otherwise undefined with a warning, and no network can be created.
 */
export async function resolveFeedbackSecret(
  target: DatabaseTarget,
  configured: string | undefined,
  deps: FeedbackSecretDeps,
): Promise<string | undefined> {
  if (configured) return configured;
  if (target.kind === 'embedded') {
    if (target.dataDir.startsWith('memory://')) return randomBytes(SECRET_BYTES).toString('base64url');
    return readOrCreateSecretFile(getFeedbackSecretPath(target.dataDir), deps);
  }
  const networks = await deps.countNetworks();
  if (networks > 0)
    throw new ConfigError(
      `ACTIONBOT_FEEDBACK_SECRET is not set, but this database has ${networks} staff network${networks === 1 ? '' : 's'}: set it to the secret their member lists and receipts were made with (see README, "Feedback secret").`,
    );
  deps.logger.warn('ACTIONBOT_FEEDBACK_SECRET is not set: staff networks cannot be created until it is');
  return undefined;
}

async function readOrCreateSecretFile(file: string, deps: FeedbackSecretDeps): Promise<string> {
  const created = await createSecretFile(file);
  if (!created) return readSecretFile(file);
  const networks = await deps.countNetworks();
  if (networks > 0)
    deps.logger.warn('feedback secret created, but staff networks already exist', {
      file,
      networks,
      consequence: 'member lists and receipts made with another secret no longer match',
    });
  else deps.logger.info('feedback secret created', { file });
  return created;
}

/** Creates the file with a new secret, or returns null when it exists. 'wx': never two secrets. */
async function createSecretFile(file: string): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw new ConfigError(
      `Cannot create the feedback secret file ${file} (${(error as Error).message}): make its directory writable, or set ACTIONBOT_FEEDBACK_SECRET.`,
    );
  }
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  try {
    await handle.writeFile(`${secret}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true }); // a half-written file would be refused at every later start
    throw error;
  }
  await handle.close();
  return secret;
}

async function readSecretFile(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ConfigError(`The feedback secret file ${file} is not a regular file.`);
    const mode = stat.mode & 0o777;
    // Windows has no group/other permission bits to check.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0)
      throw new ConfigError(
        `The feedback secret file ${file} is readable or writable by others (mode ${mode.toString(8).padStart(4, '0')}): run chmod 600 ${file}, then start again.`,
      );
    const secret = (await handle.readFile('utf8')).trim();
    if (secret.length < MIN_FILE_SECRET_LENGTH)
      throw new ConfigError(
        `The feedback secret file ${file} is ${secret.length ? 'too short' : 'empty'} (${secret.length} characters, at least ${MIN_FILE_SECRET_LENGTH} expected): restore it from your backup, or delete it if no staff network was ever set up.`,
      );
    return secret;
  } finally {
    await handle.close();
  }
}
