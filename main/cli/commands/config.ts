/**
 * `config list | get <key> | set <key> <value>`: the app's settings from the command line, in the same
 * file the app uses (--settings-dir / $SHI_SETTINGS_DIR, else the app's folder). Every value goes
 * through `settings:update`, so it meets the rules of the app's Settings page; regions must also be
 * ones the AWS SDK knows, as everywhere on the command line. Changing settings sends nothing to AWS.
 */

import { accountLabel } from '../../domain/account-names';
import { AppErrorException, appError } from '../../domain/errors';
import { closestRegion, isKnownRegion } from '../../domain/regions';
import { EVERY_SERVICE, parseTrustSpec, type TrustedAdministrator, trustSpec } from '../../domain/trust';
import type { Settings } from '../../domain/types';
import type { CliCommand, CliIo } from '../command';
import { namesOf } from '../names';
import { printRows, TABLE_OUTPUT_FLAGS, wantsJson } from '../output';
import { SETTINGS_DIR_FLAG, type Session, withSession } from '../session';
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

/** `111111111111,222222222222:securityhub`: each entry an account, for every service or one. */
function trustSpecs(key: string, value: string): { accountId: string; service: string }[] {
  return list(value).map((text) => {
    const spec = parseTrustSpec(text);
    if (!spec) {
      throw usage(
        `${key}: "${text.slice(0, 40)}" is not an account id, or an account id and a service (111111111111:securityhub).`,
      );
    }
    return spec;
  });
}

/** The list with these entries: what was trusted keeps its origin and date, a new one is the user's own. */
function trustedList(specs: { accountId: string; service: string }[], s: Settings): TrustedAdministrator[] {
  const since = new Date().toISOString();
  const kept = (spec: { accountId: string; service: string }) =>
    s.trustedAdministrators.find((t) => t.accountId === spec.accountId && t.service === spec.service) ?? {
      ...spec,
      origin: 'you' as const,
      since,
    };
  return [...new Map(specs.map((spec) => [trustSpec(spec), kept(spec)])).values()];
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
  trustedAdministrators: {
    describe:
      'Administrators whose invitations you expect: account ids, each for every service or one (111111111111:securityhub); "" for none',
    get: (s) => s.trustedAdministrators.map(trustSpec).join(','),
    patch: (v, s) => ({ trustedAdministrators: trustedList(trustSpecs('trustedAdministrators', v), s) }),
  },
  workers: {
    describe: 'Worker threads that talk to AWS: auto (the cores less one, 1 to 8) or 0 to 8; read at start',
    get: (s) => (s.workers === null ? 'auto' : String(s.workers)),
    patch: (v) => ({ workers: v.trim().toLowerCase() === 'auto' ? null : whole('workers', v) }),
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
    {
      name: 'action',
      description: 'list, get or set; trust or untrust an administrator',
      required: true,
      choices: ['list', 'get', 'set', 'trust', 'untrust'],
    },
    {
      name: 'key',
      description: 'The setting (config list shows them); for trust and untrust, the account (111111111111[:service])',
      required: false,
    },
    { name: 'value', description: 'The new value (set)', required: false },
  ],
  flags: [...TABLE_OUTPUT_FLAGS, SETTINGS_DIR_FLAG],
  details: `Settings:\n${Object.entries(CONFIG_KEYS)
    .map(([k, v]) => `  ${k.padEnd(28)}${v.describe}`)
    .join(
      '\n',
    )}\n\nconfig trust 111111111111[:securityhub] adds an administrator to trustedAdministrators (every service\nwithout :service); config untrust takes it off. Each change is recorded in the activity log.`,
  async run({ values, positionals }, io) {
    const [action, name, value] = positionals;
    return withSession(values, io, { progress: false }, async (session) => {
      const settings = await session.call('settings:get', undefined);
      if (action === 'trust' || action === 'untrust') {
        if (value !== undefined) throw usage(`config ${action} takes one account.`);
        return await changeTrust(session, action, name, settings, io);
      }
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

/** `config trust A[:service]` / `config untrust A[:service]`: one entry added to or taken off the list. */
async function changeTrust(
  session: Session,
  action: 'trust' | 'untrust',
  text: string | undefined,
  settings: Settings,
  io: CliIo,
): Promise<number> {
  if (!text) throw usage(`config ${action} needs an account: config ${action} 111111111111[:securityhub].`);
  const [spec] = trustSpecs('account', text);
  if (!spec) throw usage(`config ${action} needs an account.`);
  const same = (t: TrustedAdministrator) => t.accountId === spec.accountId && t.service === spec.service;
  const current = settings.trustedAdministrators;
  const next = action === 'trust' ? trustedList([...current, spec], settings) : current.filter((t) => !same(t));
  const { names, own } = await namesOf(session);
  const who = accountLabel(names, spec.accountId, own);
  const what = spec.service === EVERY_SERVICE ? 'every service' : spec.service;
  if (next.length === current.length && (action === 'untrust' || current.some(same))) {
    io.stdout(`${terminalText(`${who} ${action === 'trust' ? 'is already' : 'is not'} trusted for ${what}.`)}\n`);
    return 0;
  }
  await session.call('settings:update', { trustedAdministrators: next });
  io.stdout(
    `${terminalText(`${action === 'trust' ? 'Trusted' : 'No longer trusts'} ${who} as administrator for ${what}.`)}\n`,
  );
  return 0;
}
