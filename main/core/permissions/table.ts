/**
 * THE permissions table: every IAM action the app may send, made from the services' own code — each
 * service's `readOperations`, `writeOperations`, `about.operations` and `deprecatedOperations`
 * (main/core/services/<id>/), and the account-name reads (aws/account-names.ts `NAME_READS`). Nothing
 * here names an operation: a service added to the registry is in the table with its folder.
 * The policy (policy.ts), the command line's `permissions`, the Settings panel and README.md's table
 * (markdown.ts, checked by a test) are all made from it.
 */
import type { PermissionLine, PermissionUse } from '../../domain/permissions';
import { SERVICE_WRITES, type ServiceWrite } from '../../domain/services';
import { NAME_READS } from '../aws/account-names';
import type { SecurityService } from '../services/service';

/** Which use needs each write. Turning a service on is needed by both: accepting needs it on, and so does administering. */
const WRITE_USES: Record<ServiceWrite, PermissionUse[]> = {
  accept: ['member'],
  decline: ['member'],
  leave: ['member'],
  'create-members': ['administrator'],
  'invite-members': ['administrator'],
  'delete-invitations': ['administrator'],
  'disassociate-members': ['administrator'],
  'delete-members': ['administrator'],
  'turn-on': ['member', 'administrator'],
};

const WRITE_PURPOSES: Record<ServiceWrite, string> = {
  accept: 'accept an invitation',
  decline: 'decline an invitation',
  leave: 'leave the administrator',
  'create-members': 'add member accounts',
  'invite-members': 'invite member accounts',
  'delete-invitations': 'withdraw invitations',
  'disassociate-members': 'disassociate members',
  'delete-members': 'remove members',
  'turn-on':
    'turn the service on in a region, only when you confirm it (billed); leave it out to keep the app from ever doing so',
};

export const NAMES_ID = 'names';
export const NAMES_LABEL = 'Account names';

function deprecatedPurpose(newName: string): string {
  return `the deprecated name of ${newName}, sent only when IAM denies the new name (grant that instead)`;
}

/** The lines of one service: its reads, then its writes in the order of SERVICE_WRITES, then any other write. */
export function serviceLines(service: SecurityService): PermissionLine[] {
  const { about, iamPrefix, deprecatedOperations } = service;
  const byOperation = new Map<string, PermissionLine>();
  const add = (operation: string, uses: readonly PermissionUse[], purpose: string) => {
    const known = byOperation.get(operation);
    if (known) {
      for (const use of uses) if (!known.uses.includes(use)) known.uses.push(use);
      if (!known.purpose.includes(purpose)) known.purpose = `${known.purpose}; ${purpose}`;
      return;
    }
    const newName = deprecatedOperations[operation] ?? null;
    byOperation.set(operation, {
      service: about.id,
      serviceName: about.name,
      action: `${iamPrefix}:${operation}`,
      uses: [...uses],
      purpose: newName ? deprecatedPurpose(newName) : purpose,
      deprecatedFor: newName ? `${iamPrefix}:${newName}` : null,
      optional: false,
    });
  };
  for (const [operation, purpose] of Object.entries(service.readOperations)) add(operation, ['read'], purpose);
  for (const write of SERVICE_WRITES) add(about.operations[write], WRITE_USES[write], WRITE_PURPOSES[write]);
  for (const operation of service.writeOperations) {
    if (byOperation.has(operation)) continue;
    const newName = deprecatedOperations[operation];
    const standsFor = newName ? byOperation.get(newName) : undefined;
    // A write the service names for no use of its own: granted to both writing uses rather than left out.
    add(operation, standsFor?.uses ?? ['member', 'administrator'], standsFor?.purpose ?? 'a write of the service');
  }
  return [...byOperation.values()];
}

/** The account-name reads: read use, each optional. */
export function nameLines(): PermissionLine[] {
  return Object.values(NAME_READS).map((read) => ({
    service: NAMES_ID,
    serviceName: NAMES_LABEL,
    action: `${read.iamPrefix}:${read.operation}`,
    uses: ['read'],
    purpose: read.purpose,
    deprecatedFor: null,
    optional: true,
  }));
}

/** The whole table: each service of `services` (the registry's order), then the account names. */
export function permissionTable(services: readonly SecurityService[]): PermissionLine[] {
  return [...services.flatMap(serviceLines), ...nameLines()];
}
