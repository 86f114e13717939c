/**
 * The invitation reference flags of the commands that answer one invitation or leave one membership
 * (accept, decline, disassociate): `--invitation-id <id>`, and `--graph-arn <arn>` — Detective's name
 * for the same reference, since a Detective invitation and membership are its behavior graph's. Each
 * service takes the flag its ServiceInfo names (`invitationReference`; absent: --invitation-id); the
 * other one is a usage error that says which to use. The value itself is checked by the service
 * (its `invitationId` schema) in the core.
 */
import { AppErrorException, appError } from '../domain/errors';
import type { ServiceInfo } from '../domain/services';
import type { CliFlag, CliValues } from './command';

const DEFAULT = { flag: 'invitation-id', name: 'invitation id' };

export function invitationFlags(what: string): CliFlag[] {
  return [
    {
      name: 'invitation-id',
      type: 'string',
      valueName: '<id>',
      description: `The invitation id (${what})`,
    },
    {
      name: 'graph-arn',
      type: 'string',
      valueName: '<arn>',
      description: `Detective: the behavior graph ARN (${what}; needed where the administrator has several graphs)`,
    },
  ];
}

/** The reference given with the service's own flag, or undefined; the other flag is a usage error. */
export function invitationReference(values: CliValues, service: ServiceInfo): { invitationId?: string } {
  const own = service.invitationReference ?? DEFAULT;
  for (const flag of ['invitation-id', 'graph-arn']) {
    const given = values[flag];
    if (typeof given !== 'string') continue;
    if (flag !== own.flag) {
      throw new AppErrorException(
        appError(
          'invalid-request',
          `--${flag} does not name ${service.shortName}'s invitations: ${service.shortName} names them by ${own.name} (--${own.flag}).`,
        ),
      );
    }
    if (given === '') throw new AppErrorException(appError('invalid-request', `--${flag} needs a value.`));
  }
  const value = values[own.flag];
  return typeof value === 'string' ? { invitationId: value } : {};
}
