/** Macie's administrator side: members and their batches, and turning Macie on (EnableMacie, billed). */
import type { Macie2Client } from '@aws-sdk/client-macie2';
import { isAppErrorException } from '../../../domain/errors';
import type { AdministratorSideOf } from '../service';
import { getMacieSession, getMembers, listMembers } from './reads';
import { batchMembers, enableMacie } from './writes';

export const adminSide: AdministratorSideOf<Macie2Client> = {
  listMembers: (ctx, onlyAssociated) => listMembers(ctx, onlyAssociated),
  getMembers: (ctx, accountIds) => getMembers(ctx, accountIds),
  batch: (ctx, batch, accounts) => batchMembers(ctx, batch, accounts),
  turnOn: (ctx) => enableMacie(ctx),
  isOn: (ctx) =>
    getMacieSession(ctx).then(
      () => true,
      (error: unknown) => {
        if (isAppErrorException(error) && error.appError.kind === 'service-off') return false;
        throw error;
      },
    ),
  turnedOnMessage: (region) =>
    `Macie is now on in ${region}. AWS bills Macie per account and per region (the S3 buckets it monitors and the data it inspects), after a 30-day free trial: this account is now billed in ${region}.`,
};
