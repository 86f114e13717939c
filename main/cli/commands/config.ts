/**
 * `config list | get <key> | set <key> <value>`: the app's settings from the command line, in the same
 * file the app uses (--settings-dir / $SHI_SETTINGS_DIR, else the app's folder). Every value goes
 * through `settings:update`, so it meets the rules of the app's Settings page; regions must also be
 * ones the AWS SDK knows, as everywhere on the command line. Changing settings sends nothing to AWS.
 */
import { AppErrorException, appError } from '../../domain/errors';
import { closestRegion, isKnownRegion } from '../../domain/regions';
import type { Settings } from '../../domain/types';
import type { CliCommand } from '../command';
import { printRows, TABLE_OUTPUT_FLAGS, wantsJson } from '../output';
import { SETTINGS_DIR_FLAG, withSession } from '../session';
import { terminalText } from '../terminal-text';

interface ConfigKey {
  describe: string;
  get(s: Settings): string;
  /** The settings:update patch for a typed value (thrown as a usage error when it cannot be one). */
  patch(value: string, s: Settings): Partial<Settings>;
}

function usage(message: string): AppErrorException {
  return new AppErrorException(appError('invalid-request', message));
}

function bool(key: string, value: string): boolean {
  if (/^(true|on|yes|1)$/i.test(value)) return true;
  if (/^(false|off|no|0)$/i.test(value)) return false;
  throw usage(`${key} is true or false; got "${value.slice(0, 40)}".`);
}

function whole(key: string, value: string): number {
  if (!/^\d+$/.test(value)) throw usage(`${key} is a whole number; got "${value.slice(0, 40)}".`);
  return Number(value);
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function regions(key: string, value: string): string[] {
  const chosen = list(value);
  for (const region of chosen) {
    if (!isKnownRegion(region)) {
      const meant = closestRegion(region);
      throw usage(`${key}: "${region.slice(0, 40)}" is not an AWS region${meant ? ` (did you mean ${meant}?)` : ''}.`);
    }
  }
  return chosen;
}

const confirmation = (name: keyof Settings['confirmations'], describe: string): ConfigKey => ({
  describe,
  get: (s) => String(s.confirmations[name]),
  patch: (v, s) => ({ confirmations: { ...s.confirmations, [name]: bool(`confirmations.${name}`, v) } }),
});

export const CONFIG_KEYS: Record<string, ConfigKey> = {
  services: {
    describe:
      'Security services read: "all" (every service the app has, later ones too) or a comma-separated list of ids (securityhub, guardduty)',
    get: (s) => (s.serviceMode === 'all' ? 'all' : s.services.join(',')),
    patch: (v) =>
      v.trim().toLowerCase() === 'all' ? { serviceMode: 'all' } : { serviceMode: 'list', services: list(v) },
  },
  defaultRegions: {
    describe:
      'Regions read for every profile: "all" (every region of its partition where each service has an endpoint, later ones too) or a comma-separated list',
    get: (s) => (s.defaultRegionMode === 'all' ? 'all' : s.defaultRegions.join(',')),
    patch: (v) =>
      v.trim().toLowerCase() === 'all'
        ? { defaultRegionMode: 'all' }
        : { defaultRegionMode: 'list', defaultRegions: regions('defaultRegions', v) },
  },
  hiddenProfiles: {
    describe: 'Profiles left out of status --all and bulk --all (comma-separated; "" for none)',
    get: (s) => s.hiddenProfiles.join(','),
    patch: (v) => ({ hiddenProfiles: list(v) }),
  },
  readOnly: {
    describe: 'Refuse every change in AWS (true/false)',
    get: (s) => String(s.readOnly),
    patch: (v) => ({ readOnly: bool('readOnly', v) }),
  },
  concurrency: {
    describe: 'AWS calls at a time (1 to 256)',
    get: (s) => String(s.concurrency),
    patch: (v) => ({ concurrency: whole('concurrency', v) }),
  },
  callTimeoutSeconds: {
    describe: 'How long one AWS call may take, in seconds (1 to 300)',
    get: (s) => String(s.callTimeoutMs / 1000),
    patch: (v) => ({ callTimeoutMs: whole('callTimeoutSeconds', v) * 1000 }),
  },
  credentialTimeoutSeconds: {
    describe: 'How long a profile’s credential helper may take, in seconds (5 to 600)',
    get: (s) => String(s.credentialTimeoutSeconds),
    patch: (v) => ({ credentialTimeoutSeconds: whole('credentialTimeoutSeconds', v) }),
  },
  autoRefreshMinutes: {
    describe: 'The app’s auto-refresh, in minutes (0: off)',
    get: (s) => String(s.autoRefreshMinutes),
    patch: (v) => ({ autoRefreshMinutes: whole('autoRefreshMinutes', v) }),
  },
  'confirmations.decline': confirmation('decline', 'Ask before declining one invitation (true/false)'),
  'confirmations.disassociate': confirmation('disassociate', 'Ask before leaving an administrator (true/false)'),
  'confirmations.adminActions': confirmation('adminActions', 'Ask before administrator changes (true/false)'),
};

function keyOf(name: string | undefined): ConfigKey {
  const key = name ? CONFIG_KEYS[name] : undefined;
  if (!key) {
    throw usage(
      name
        ? `There is no setting "${name.slice(0, 60)}". Settings: ${Object.keys(CONFIG_KEYS).join(', ')}.`
        : 'Name the setting.',
    );
  }
  return key;
}

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'Show or change the app’s settings (regions, hidden profiles, read-only, timeouts, confirmations)',
  arguments: [
    { name: 'action', description: 'list, get or set', required: true, choices: ['list', 'get', 'set'] },
    { name: 'key', description: 'The setting (config list shows them)', required: false },
    { name: 'value', description: 'The new value (set)', required: false },
  ],
  flags: [...TABLE_OUTPUT_FLAGS, SETTINGS_DIR_FLAG],
  details: `Settings:\n${Object.entries(CONFIG_KEYS)
    .map(([k, v]) => `  ${k.padEnd(28)}${v.describe}`)
    .join('\n')}`,
  async run({ values, positionals }, io) {
    const [action, name, value] = positionals;
    return withSession(values, io, { progress: false }, async (session) => {
      const settings = await session.call('settings:get', undefined);
      if (action === 'list') {
        if (name !== undefined) throw usage('config list takes no setting name.');
        const entries = Object.entries(CONFIG_KEYS).map(([k, key]) => [k, key.get(settings), key.describe]);
        printRows(io, values, {
          header: ['SETTING', 'VALUE', 'MEANING'],
          rows: entries,
          json: Object.fromEntries(entries.map(([k, v]) => [k, v])),
        });
        return 0;
      }
      const key = keyOf(name);
      if (action === 'get') {
        if (value !== undefined) throw usage('config get takes one setting name.');
        io.stdout(
          wantsJson(values)
            ? `${JSON.stringify({ [name as string]: key.get(settings) })}\n`
            : `${terminalText(key.get(settings))}\n`,
        );
        return 0;
      }
      if (value === undefined) throw usage(`config set ${name} needs a value.`);
      const saved = await session.call('settings:update', key.patch(value, settings));
      io.stdout(`${terminalText(name)} = ${terminalText(key.get(saved))}\n`);
      return 0;
    });
  },
};
