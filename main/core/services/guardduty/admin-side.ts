/** GuardDuty's administrator side: members and their batches on the account's detector, and turning GuardDuty on. */
import type { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { AppErrorException } from '../../../domain/errors';
import type { AdministratorSideOf, ServiceContext } from '../service';
import { detectorOf, freshDetector, readOnDetector } from './detectors';
import { guardDutyOff } from './errors';
import { getMembers, listMembers } from './reads';
import { batchMembers, createDetector } from './writes';

type Context = ServiceContext<GuardDutyClient>;

/** A read on the detector; GuardDuty off (no detector) is the service-off refusal. */
async function onDetector<T>(ctx: Context, read: (detectorId: string) => Promise<T>): Promise<T> {
  const done = await readOnDetector(ctx, read);
  if (!done) throw new AppErrorException(guardDutyOff(ctx));
  return done.value;
}

export const adminSide: AdministratorSideOf<GuardDutyClient> = {
  listMembers: (ctx, onlyAssociated) => onDetector(ctx, (id) => listMembers(ctx, id, onlyAssociated)),
  getMembers: (ctx, accountIds) => onDetector(ctx, (id) => getMembers(ctx, id, accountIds)),
  async batch(ctx, batch, accounts) {
    const detectorId = await detectorOf(ctx);
    if (!detectorId) throw new AppErrorException(guardDutyOff(ctx));
    return batchMembers(ctx, detectorId, batch, accounts);
  },
  turnOn: async (ctx) => {
    const created = await createDetector(ctx);
    return { ...created, value: null };
  },
  isOn: async (ctx) => (await freshDetector(ctx)) !== null,
  turnedOnMessage: (region) =>
    `GuardDuty is now on in ${region} (a detector was created). AWS bills GuardDuty per account and per region by the volume it analyses, after a 30-day free trial: this account is now billed in ${region}.`,
};
