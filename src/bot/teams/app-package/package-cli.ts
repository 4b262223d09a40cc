import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './app-package.ts';

const TEAMS_DIR = new URL('../../../../teams/', import.meta.url);
const USAGE = `Usage: npm run teams:package -- --app-id <Microsoft App ID> [--website https://...] [--developer <name>] [--out <file>]
Writes the Teams app package (manifest.json, color.png, outline.png) to upload in Teams.`;

/** `npm run teams:package`: fills in teams/manifest.json and zips it with the icons. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'app-id': { type: 'string' },
      website: { type: 'string', default: 'https://actionbot.example.org' },
      developer: { type: 'string', default: 'Actionbot' },
      out: { type: 'string', default: fileURLToPath(new URL('actionbot-teams.zip', TEAMS_DIR)) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values['app-id']) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 64);
  }
  // The icons are the files teams/color.png and teams/outline.png: replace them with your own to rebrand.
  const zip = await buildAppPackage(TEAMS_DIR, {
    appId: values['app-id'],
    developerName: values.developer,
    websiteUrl: values.website,
  });
  await writeFile(values.out, zip);
  process.stdout.write(
    `Wrote ${values.out} (${zip.length} bytes): upload it in Teams under Apps → Manage your apps.\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
