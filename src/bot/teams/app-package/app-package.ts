import { readFile } from 'node:fs/promises';
import { type Zippable, zipSync } from 'fflate';

/** What the Teams app package needs to know about this installation. */
export type AppPackageSettings = {
  /** The Azure Bot's Microsoft App ID (a GUID): the bot's id and the Teams app's id. */
  appId: string;
  /** Shown as the developer's name in Teams' app details. */
  developerName: string;
  /** An https page about this Actionbot (used for the website, privacy and terms links). */
  websiteUrl: string;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /\$\{\{([A-Z_]+)\}\}/g;

/** Why the settings cannot make a package, or null when they can. */
export function checkSettings(settings: AppPackageSettings): string | null {
  if (!GUID.test(settings.appId))
    return `--app-id must be the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000 (got "${settings.appId}").`;
  if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(settings.websiteUrl))
    return `--website must be an https URL Teams can show (got "${settings.websiteUrl}").`;
  if (!settings.developerName.trim() || settings.developerName.length > 32)
    return '--developer must be a name of 1 to 32 characters.';
  return null;
}

/** The manifest template with this installation's values in place of its `${{NAME}}` placeholders. */
export function fillManifest(template: string, settings: AppPackageSettings): string {
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: settings.appId.toLowerCase(),
    DEVELOPER_NAME: settings.developerName,
    WEBSITE_URL: settings.websiteUrl,
  };
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`teams/manifest.json: unknown placeholder ${whole}`);
    return JSON.stringify(value).slice(1, -1);
  });
  JSON.parse(filled); // a broken template fails here, not in Teams' upload dialog
  return filled;
}

/** Builds the zip to upload to Teams: manifest.json and the two icons at the archive's root. */
export async function buildAppPackage(teamsDir: URL, settings: AppPackageSettings): Promise<Buffer> {
  const problem = checkSettings(settings);
  if (problem) throw new Error(problem);
  const read = (name: string) => readFile(new URL(name, teamsDir));
  const manifest = fillManifest((await read('manifest.json')).toString('utf8'), settings);
  const files: Zippable = {
    'manifest.json': Buffer.from(manifest, 'utf8'),
    'color.png': await read('color.png'),
    'outline.png': await read('outline.png'),
  };
  return Buffer.from(zipSync(files, { level: 9, mtime: FIXED_TIME }));
}

// Zip entries carry a local date and time: a fixed one (1 January 2024, 00:00), so the same inputs give
// the same archive, byte for byte.
const FIXED_TIME = new Date(2024, 0, 1);
