/**
 * The least-privilege policy for the chosen services and use, from the one table (table.ts): one
 * statement per service (and one for the optional account-name reads), every action `Resource: "*"`
 * (the invitation and member operations act on the caller's own account, not on a resource).
 */
import {
  PERMISSION_USE_MEANING,
  type PermissionLine,
  type PermissionsPolicy,
  type PermissionUse,
  type PolicyStatement,
} from '../../domain/permissions';
import { SERVICES, serviceOf } from '../services/registry';
import { NAMES_ID, permissionTable } from './table';

/** The account-name reads' statement: the one the policy can do without. */
export const NAMES_SID = 'AccountNamesOptional';

export interface PolicyChoice {
  /** Service ids of the registry; left out: every service. */
  services?: readonly string[];
  use: PermissionUse;
  /** Grant the deprecated "master" names too (for an app reading with them where IAM denies the new ones). */
  includeDeprecated?: boolean;
  /** Grant the optional account-name reads (default true). */
  accountNames?: boolean;
}

/** A statement id: letters and digits only, as IAM requires. */
function sid(label: string): string {
  return label.replace(/[^A-Za-z0-9]/g, '');
}

export function wanted(line: PermissionLine, choice: PolicyChoice): boolean {
  if (!line.uses.includes('read') && !line.uses.includes(choice.use)) return false;
  if (line.deprecatedFor && !choice.includeDeprecated) return false;
  if (line.optional && choice.accountNames === false) return false;
  return true;
}

export function permissionsPolicy(choice: PolicyChoice): PermissionsPolicy {
  // Unknown ids are the caller's mistake, said by the registry.
  const services = choice.services ? [...new Set(choice.services)].map((id) => serviceOf(id)) : SERVICES;
  const lines = permissionTable(services).filter((line) => wanted(line, choice));
  const statements: PolicyStatement[] = [];
  for (const line of lines) {
    const id = line.service === NAMES_ID ? NAMES_SID : sid(line.serviceName);
    const statement = statements.find((s) => s.Sid === id);
    if (statement) statement.Action.push(line.action);
    else statements.push({ Sid: id, Effect: 'Allow', Action: [line.action], Resource: '*' });
  }
  return {
    policy: { Version: '2012-10-17', Statement: statements },
    lines,
    useMeaning: PERMISSION_USE_MEANING[choice.use],
  };
}
