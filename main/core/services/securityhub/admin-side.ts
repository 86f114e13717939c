/** Security Hub CSPM's administrator side: members, their batches, and turning the service on. */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { isAppErrorException } from '../../../domain/errors';
import type { AdministratorSideOf } from '../service';
import { describeHub, getMembers, listMembers } from './reads';
import { batchMembers, enableSecurityHub } from './writes';

export const adminSide: AdministratorSideOf<SecurityHubClient> = {
  listMembers: (ctx, onlyAssociated) => listMembers(ctx, onlyAssociated),
  getMembers: (ctx, accountIds) => getMembers(ctx, accountIds),
  batch: (ctx, batch, accounts) => batchMembers(ctx, batch, accounts),
  turnOn: (ctx, options) => enableSecurityHub(ctx, options.defaultStandards),
  isOn: (ctx) =>
    describeHub(ctx).then(
      () => true,
      (error: unknown) => {
        if (isAppErrorException(error) && error.appError.kind === 'service-off') return false;
        throw error;
      },
    ),
  turnedOnMessage: (region, options) =>
    `Security Hub is now on in ${region}` +
    (options.defaultStandards ? ', with the default security standards.' : ', without the default standards.') +
    ` AWS bills Security Hub per account and per region (security checks and findings ingested) after a 30-day free trial: this account is now billed in ${region}.`,
};
