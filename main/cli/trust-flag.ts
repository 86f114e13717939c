/**
 * `--trust-administrator A` (accept, and accept --from): the person trusts the administrator being
 * answered. An accept from an administrator outside the trusted list (main/domain/trust.ts) is refused
 * without it — exit 3, nothing sent — and with it the administrator joins the list (the activity log
 * says so).
 */
import { AppErrorException, appError } from '../domain/errors';
import type { CliFlag, CliValues } from './command';
import { accountCheck, requiredString } from './session';

export const TRUST_FLAG: CliFlag = {
  name: 'trust-administrator',
  type: 'string',
  valueName: '<account>',
  description:
    'Accept from this administrator though it is not one of your trusted administrators, and trust it from now on (it must be the one answered)',
};

/** The request's trustAdministrator; an id that is not the administrator answered is a usage error. */
export function trustFlag(values: CliValues, administratorId: string): { trustAdministrator?: true } {
  const given = values['trust-administrator'];
  if (typeof given !== 'string' || given === '') return {};
  requiredString(values, 'trust-administrator', accountCheck);
  if (given !== administratorId) {
    throw new AppErrorException(
      appError(
        'invalid-request',
        `--trust-administrator names ${given}, but the invitations answered are from ${administratorId}: it must be the same account.`,
      ),
    );
  }
  return { trustAdministrator: true };
}
