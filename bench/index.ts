import { benchDigest } from './digest.ts';
import { benchFanout } from './fanout.ts';
import { benchLean } from './lean.ts';
import { benchMemoryProfile } from './memory-profile.ts';
import { benchMessageSizes } from './message-sizes.ts';
import { benchProfile } from './profile.ts';
import { benchSlackAck } from './slack-ack.ts';
import { benchStatements } from './statements.ts';
import { benchTeams } from './teams.ts';

/** `npm run bench [-- name...]`: every benchmark (or the named ones), each against a baseline of the same run. */
const BENCHES: Record<string, () => Promise<string>> = {
  'slack-ack': benchSlackAck,
  lean: benchLean,
  digest: benchDigest,
  fanout: benchFanout,
  'message-sizes': benchMessageSizes,
  statements: benchStatements,
  memory: benchMemoryProfile,
  teams: benchTeams,
  profile: benchProfile,
};
const names = process.argv.slice(2);
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) throw new Error(`No benchmark ${name}; there are: ${Object.keys(BENCHES).join(', ')}`);
  process.stdout.write(`${await bench()}\n\n`);
}
