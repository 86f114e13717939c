/**
 * What the row commands share: the flags naming a row (--service, --profile, --region), which
 * services a command means when --service is not given, and a row as JSON (the fields scripts read:
 * profile, region, accountId, administrator, pendingInvitations, and service).
 *
 * Reads (status, members) and bulk answers mean every service the settings read; a single-row write
 * means Security Hub CSPM unless --service says otherwise, so scripts written before there were
 * other services keep doing what they did.
 */
import { serviceInfos } from '../core/backend';
import { AppErrorException, appError } from '../domain/errors';
import { FIRST_SERVICE } from '../domain/ids';
import type { ServiceRow } from '../domain/row';
import type { ServiceInfo } from '../domain/services';
import { isTrusted, type TrustedAdministrator } from '../domain/trust';
import type { CliFlag, CliValues } from './command';
import { accountName, type Names, NOT_YOURS, nameCell } from './names';
import { checkEach, type FlagCheck, profileCheck, regionCheck, requiredString, stringList } from './session';

const SERVICES = serviceInfos();
const IDS = SERVICES.map((s) => s.id);

export const serviceCheck: FlagCheck = {
  test: (v) => IDS.includes(v),
  what: `a service the app reads (${IDS.join(', ')})`,
  suggest: (v) => IDS.find((id) => id.startsWith(v.toLowerCase().slice(0, 3))) ?? null,
};

/** --service for a read or a bulk answer: repeatable, every service the settings read by default. */
export const SERVICES_FLAG: CliFlag = {
  name: 'service',
  type: 'string',
  multiple: true,
  valueName: '<id>',
  description: `A service to read (repeatable: ${IDS.join(', ')}; default: every service the settings read)`,
};

/** --service for a single-row write: once, Security Hub CSPM by default. */
export const SERVICE_FLAG: CliFlag = {
  name: 'service',
  type: 'string',
  multiple: true,
  valueName: '<id>',
  description: `The service (${IDS.join(', ')}; default: ${FIRST_SERVICE})`,
};

/** The services --service names; undefined when it is not given (the settings' choice). */
export function chosenServices(values: CliValues): string[] | undefined {
  const list = [...new Set(checkEach(stringList(values, 'service'), 'service', serviceCheck))];
  return list.length > 0 ? list : undefined;
}

/** The one value of a flag that only a bulk answer may repeat. */
export function single(values: CliValues, name: string, check?: FlagCheck, hint?: string): string {
  const list = stringList(values, name);
  if (list.length > 1) {
    throw new AppErrorException(appError('invalid-request', `--${name} may be given once${hint ? `; ${hint}` : ''}.`));
  }
  return requiredString({ [name]: list[0] }, name, check);
}

/** The service a single-row command acts on. */
export function oneService(values: CliValues, hint?: string): ServiceInfo {
  const given = stringList(values, 'service');
  const id = given.length > 0 ? single(values, 'service', serviceCheck, hint) : FIRST_SERVICE;
  return SERVICES.find((s) => s.id === id) as ServiceInfo;
}

export interface RowTarget {
  service: string;
  profile: string;
  region: string;
}

/** The row a single-row command names: --service (default Security Hub CSPM), --profile, --region. */
export function rowTarget(values: CliValues, hint?: string): { row: RowTarget; service: ServiceInfo } {
  const service = oneService(values, hint);
  return {
    service,
    row: {
      service: service.id,
      profile: single(values, 'profile', profileCheck, hint),
      region: single(values, 'region', regionCheck, hint),
    },
  };
}

/**
 * A row as the command line prints it in JSON: the row itself, and what scripts read before rows
 * had a service: `administrator`, the first of its administrators (the only one, but for
 * Detective), and for Security Hub CSPM `hub`, its state under the old name. With the names, every
 * account carries its `accountName` (null when nothing names it), and each pending invitation says
 * whether its administrator is `trusted` and is `oneOfYours` (a profile here reaches it, or a source names it).
 */
export function jsonRow(row: ServiceRow, known?: { names: Names; trusted: readonly TrustedAdministrator[] }) {
  const named = <T extends { accountId: string }>(item: T) =>
    known ? { ...item, accountName: accountName(known.names, item.accountId) } : item;
  const administrators = row.administrators.map(named);
  return {
    ...row,
    ...(known ? { accountName: accountName(known.names, row.accountId) } : {}),
    administrators,
    pendingInvitations: row.pendingInvitations.map((i) =>
      known
        ? {
            ...named(i),
            trusted: isTrusted(known.trusted, row.service, i.accountId),
            oneOfYours: nameCell(known.names, i.accountId) !== NOT_YOURS,
          }
        : i,
    ),
    members: row.members?.map(named) ?? null,
    administrator: administrators[0] ?? null,
    ...(row.service === FIRST_SERVICE ? { hub: row.state } : {}),
  };
}

export function serviceName(id: string): string {
  return SERVICES.find((s) => s.id === id)?.name ?? id;
}

/** The rows printed are of one service, Security Hub CSPM: the table prints as before there were others. */
const securityHubOnly = (services: readonly string[]) => services.every((id) => id === FIRST_SERVICE);

/**
 * The state column's header: HUB, as before there were services, while the rows printed are Security
 * Hub CSPM's alone; STATE once the SERVICE column says whose state it is.
 */
export function stateHeader(services: readonly string[]): string {
  return securityHubOnly(services) ? 'HUB' : 'STATE';
}

/**
 * A table of rows with a SERVICE column first when the rows printed are of more than one service
 * (with one, the column would say the same on every line), or of one that is not Security Hub CSPM.
 */
export function withServiceColumn(
  table: { header: string[]; rows: (string | null)[][] },
  services: readonly string[],
): { header: string[]; rows: (string | null)[][] } {
  if (securityHubOnly(services)) return table;
  return {
    header: ['SERVICE', ...table.header],
    rows: table.rows.map((cells, i) => [serviceName(services[i] ?? ''), ...cells]),
  };
}
