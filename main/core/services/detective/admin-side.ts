/**
 * Detective's administrator side: the members of the account's behavior graph (one per region: "the
 * results always contain a single behavior graph", ListGraphs in the model), their batches on it, and
 * turning Detective on (CreateGraph). No graph is Detective off for an administrator.
 */
import type { DetectiveClient } from '@aws-sdk/client-detective';
import { AppErrorException, appError } from '../../../domain/errors';
import type { AdministratorSideOf, ServiceContext } from '../service';
import { detectiveOff } from './errors';
import { getMembers, listGraphs, listMembers } from './reads';
import { batchMembers, createGraph } from './writes';

type Context = ServiceContext<DetectiveClient>;

/** The account's behavior graph in the region; none is the service-off refusal. */
async function graphOf(ctx: Context): Promise<string> {
  const [graph] = (await listGraphs(ctx)).value;
  if (!graph) throw new AppErrorException(detectiveOff(ctx));
  return graph;
}

export const adminSide: AdministratorSideOf<DetectiveClient> = {
  async listMembers(ctx, onlyAssociated) {
    const members = await listMembers(ctx, await graphOf(ctx));
    // ListMembers has no filter [model]: "associated" is a membership accepted (or the organization's).
    return onlyAssociated ? members.filter((m) => /^(ENABLED|ACCEPTED_BUT_DISABLED)$/i.test(m.memberStatus)) : members;
  },
  getMembers: async (ctx, accountIds) => getMembers(ctx, await graphOf(ctx), accountIds),
  batch: async (ctx, batch, accounts) => batchMembers(ctx, await graphOf(ctx), batch, accounts),
  async turnOn(ctx) {
    // CreateGraph where the account has a graph "always returns the same behavior graph ARN" [model]:
    // it would answer as if it had turned Detective on. Read first, so "already on" is said as such.
    const [graph] = (await listGraphs(ctx)).value;
    if (graph) {
      throw new AppErrorException(
        appError('conflict', `Detective is already on in ${ctx.region}: the account administers ${graph}.`),
      );
    }
    return { ...(await createGraph(ctx)), value: null };
  },
  isOn: async (ctx) => (await listGraphs(ctx)).value.length > 0,
  turnedOnMessage: (region) =>
    `Detective is now on in ${region} (a behavior graph was created, with this account as its administrator). AWS bills Detective per account and per region by the volume of data ingested, after a 30-day free trial: this account is now billed in ${region}.`,
};
