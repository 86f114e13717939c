/**
 * `status [--profile P ...|--all] [--region R ...] [--json]`: reads every chosen row now and prints
 * one line per profile × region (or, with --json, `{ ok, rows, failed }` with rows sorted by profile
 * and region). Exit status 0 when every row was read, 1 when any row failed or the command did.
 */

import { isFailedRow, type RefreshScope } from '../../core/rows/refresh';
import { regionsForProfile } from '../../core/rows/regions';
import { AppErrorException, appError } from '../../domain/errors';
import type { HubSnapshot } from '../../domain/types';
import type { CliCommand } from '../command';
import {
  checkEach,
  JSON_FLAG,
  profileCheck,
  regionCheck,
  SETTINGS_DIR_FLAG,
  stringList,
  table,
  withSession,
} from '../session';

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Read Security Hub state, administrators, invitations and members for each profile and region',
  flags: [
    {
      name: 'profile',
      type: 'string',
      multiple: true,
      valueName: '<name>',
      description: 'A profile to read (repeatable)',
    },
    { name: 'all', type: 'boolean', description: 'Read every profile that is not hidden (the default)' },
    {
      name: 'region',
      type: 'string',
      multiple: true,
      valueName: '<region>',
      description: 'A region to read (repeatable; default: the app’s regions)',
    },
    JSON_FLAG,
    SETTINGS_DIR_FLAG,
  ],
  async run({ values }, io) {
    return withSession(values, io, {}, async (session) => {
      const profiles = checkEach(stringList(values, 'profile'), 'profile', profileCheck);
      const regions = checkEach(stringList(values, 'region'), 'region', regionCheck);
      if (values.all && profiles.length) {
        throw new AppErrorException(appError('invalid-request', 'Use either --all or --profile, not both.'));
      }
      const settings = await session.call('settings:get', undefined);
      const list = await session.call('profiles:list', undefined);
      let scope: RefreshScope = { kind: 'all' };
      if (profiles.length || regions.length) {
        // One refresh for every row, so profiles that reach the same account share its reads.
        const hidden = new Set(settings.hiddenProfiles);
        const chosen = profiles.length
          ? profiles.map((name) => list.profiles.find((p) => p.name === name) ?? { name, region: null })
          : list.profiles.filter((p) => !hidden.has(p.name));
        scope = {
          kind: 'rows',
          rows: chosen.flatMap((p) =>
            (regions.length ? regions : regionsForProfile(p, settings).regions).map((region) => ({
              profile: p.name,
              region,
            })),
          ),
        };
      }
      const started = await session.call('refresh:start', { scope });
      const summaries = [await session.waitForRefresh(started.refreshId)];
      const rows = summaries
        .flatMap((s) => s?.rows ?? [])
        .sort((a, b) => a.profile.localeCompare(b.profile) || a.region.localeCompare(b.region));
      const failed = rows.filter(isFailedRow).length;
      if (values.json) io.stdout(`${JSON.stringify({ ok: failed === 0, rows, failed }, null, 2)}\n`);
      else io.stdout(rows.length ? statusTable(rows) : 'No rows to read: no profiles, or every profile is hidden.\n');
      return failed === 0 ? 0 : 1;
    });
  },
};

function hubText(row: HubSnapshot): string {
  if (row.error) return row.hub === 'error' ? 'error' : row.hub;
  return row.hub;
}

export function statusTable(rows: HubSnapshot[]): string {
  const header = ['PROFILE', 'REGION', 'ACCOUNT', 'HUB', 'ADMINISTRATOR', 'PENDING', 'MEMBERS', 'NOTE'];
  const lines = rows.map((r) => [
    r.profile,
    r.region,
    r.accountId ?? '-',
    hubText(r),
    r.administrator ? `${r.administrator.accountId} (${r.administrator.memberStatus})` : '-',
    r.pendingInvitations.length ? r.pendingInvitations.map((i) => i.accountId).join(',') : '-',
    r.members === null ? '-' : String(r.members.length),
    r.error
      ? `${r.error.message}${r.error.command ? ` Run: ${r.error.command}` : ''}`
      : [...r.partialErrors.map((p) => `${p.part}: ${p.error.message}`), ...r.notes].join(' ') || '',
  ]);
  return table(header, lines);
}
