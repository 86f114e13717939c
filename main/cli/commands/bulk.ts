/**
 * `accept --from <administrator> (--all | --profile P ...) [--region R ...] [--service S ...]` and the
 * same for `decline`: answer the invitations of ONE administrator account across many rows (every
 * service the settings read unless --service narrows it), with the app's bulk rules (only that
 * administrator, once per service, account and region, bounded concurrency, one activity entry per
 * row plus a summary). Exit status 0 only when no row failed or was refused.
 */

import { AppErrorException, appError } from '../../domain/errors';
import type { RowKey } from '../../domain/ids';
import type { BulkResult } from '../../domain/types';
import type { CliIo, CliValues } from '../command';
import { approveWrite, type WritePlan } from '../confirm';
import { printRows } from '../output';
import { chosenServices, serviceName, withServiceColumn } from '../rows';
import {
  accountCheck,
  checkEach,
  checkProfilesExist,
  profileCheck,
  regionCheck,
  requiredString,
  type Session,
  stringList,
} from '../session';
import { trustFlag } from '../trust-flag';

/** The rows a bulk command answers: --all or --profile, × --region or each profile's regions, × the services. */
export async function bulkRows(session: Session, values: CliValues): Promise<RowKey[]> {
  const profiles = checkEach(stringList(values, 'profile'), 'profile', profileCheck);
  const regions = checkEach(stringList(values, 'region'), 'region', regionCheck);
  const services = chosenServices(values);
  if (values.all && profiles.length) {
    throw new AppErrorException(appError('invalid-request', 'Use either --all or --profile, not both.'));
  }
  if (!values.all && profiles.length === 0) {
    // Never "every profile" by accident: a bulk answer names its rows.
    throw new AppErrorException(
      appError('invalid-request', 'Choose the profiles: --all, or --profile <name> (repeatable).'),
    );
  }
  await checkProfilesExist(session, profiles);
  // Main expands profiles × regions × services, as for a refresh.
  return session.call('rows:plan', {
    ...(profiles.length ? { profiles } : {}),
    ...(regions.length ? { regions } : {}),
    ...(services ? { services } : {}),
  });
}

export async function runBulkCommand(
  action: 'accept' | 'decline',
  session: Session,
  values: CliValues,
  io: CliIo,
): Promise<number> {
  const administratorId = requiredString(values, 'from', accountCheck);
  // Only an accept needs the administrator trusted (a decline hands nothing over).
  const trust = action === 'accept' ? trustFlag(values, administratorId) : {};
  const rows = await bulkRows(session, values);
  if (rows.length === 0) throw new AppErrorException(appError('invalid-request', 'No rows to answer.'));
  const verb = action === 'accept' ? 'Accept' : 'Decline';
  const info = await session.call('app:info', undefined);
  const services = [...new Set(rows.map((r) => r.service))];
  const call = services
    .map((id) => info.services.find((s) => s.id === id)?.operations[action] ?? id)
    .filter((op, i, all) => all.indexOf(op) === i)
    .join(' or ');
  // A row names its service only when the rows span several.
  const rowLine = (r: RowKey) => `${r.profile} ${r.region}${services.length > 1 ? ` ${serviceName(r.service)}` : ''}`;
  const plan: WritePlan = {
    question: `${verb} invitations from ${administratorId} in ${rows.length} row${rows.length === 1 ? '' : 's'}?`,
    lines: [
      ...(trust.trustAdministrator ? [`trust ${administratorId} as administrator (added to the trusted list)`] : []),
      ...rows.map(rowLine),
      `each row: read its administrator and invitations, then ${call} only where ${administratorId}'s invitation is pending`,
    ],
    // The app always asks before a bulk answer.
    confirmation: 'always',
  };
  if ((await approveWrite(session, plan, values, io)) === 'dry-run') return 0;
  const result = await session.call('bulk:run', { action, administratorId, rows, ...trust });
  const ok = result.results.every((r) => r.status === 'done' || r.status === 'skipped');
  const footer = [result.summary, ...signInLines(result)];
  printRows(io, values, { ...bulkTable(result), json: { ok, ...result }, footer });
  return ok ? 0 : 1;
}

export function bulkTable(result: BulkResult): { header: string[]; rows: (string | null)[][] } {
  return withServiceColumn(
    {
      header: ['PROFILE', 'REGION', 'ACCOUNT', 'RESULT', 'MESSAGE'],
      rows: result.results.map((r) => [r.profile, r.region, r.accountId, r.status, r.message]),
    },
    result.results.map((r) => r.service),
  );
}

/**
 * The commands that would let the failed rows through (an expired SSO sign-in), each once under
 * the table: rows of one sso-session share one sign-in, and 40 rows each ending in the same
 * `aws sso login` hid the messages that differ.
 */
export function signInLines(result: BulkResult): string[] {
  const rowsByCommand = new Map<string, number>();
  for (const r of result.results) {
    const command = r.error?.command;
    if (command) rowsByCommand.set(command, (rowsByCommand.get(command) ?? 0) + 1);
  }
  return [...rowsByCommand].map(
    ([command, rows]) => `${rows === 1 ? '1 row needs' : `${rows} rows need`} this first: ${command}`,
  );
}
