import {
  DescribeProductsCommand,
  ListMembersCommand,
  paginateDescribeProducts,
  paginateListInvitations,
  paginateListMembers,
} from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedAccessKeyId, generatedAccountId, generateScenario } from './generate';
import { type RunningEmulator, startEmulator } from './index';
import type { Scenario } from './scenario-schema';
import { failure, securityHub } from './test-kit';

let emu: RunningEmulator;
let scenario: Scenario;

/** Generated load scenario plus one account invited by 60 administrators (for ListInvitations pages). */
function pagingScenario(): Scenario {
  const s = generateScenario({ profiles: 3, accounts: 3, regions: ['us-east-1'], administratorMembers: 120 });
  const target = generatedAccountId(2);
  const inviters = Array.from({ length: 60 }, (_, i) => String(500000000000 + i));
  s.accounts!.push(...inviters.map((id) => ({ id, hubRegions: ['us-east-1'] })));
  s.administrators!.push(
    ...inviters.map((id) => ({
      accountId: id,
      region: 'us-east-1',
      members: [{ accountId: target, status: 'Invited' as const }],
    })),
  );
  return s;
}

const keysOf = (i: number) => {
  const p = scenario.principals!.find((x) => x.accessKeyId === generatedAccessKeyId(i))!;
  return { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey };
};

beforeAll(async () => {
  scenario = pagingScenario();
  emu = await startEmulator({ scenario });
});
afterAll(() => emu.stop());

describe('pagination', () => {
  it('pages through 120 members in pages of at most MaxResults, each member once', async () => {
    const client = securityHub(emu, keysOf(0));
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListMembers({ client, pageSize: 50 }, { OnlyAssociated: false })) {
      pages++;
      expect(page.Members!.length).toBeLessThanOrEqual(50);
      seen.push(...page.Members!.map((m) => m.AccountId!));
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    // The request log tells the first page (a new read) from the further ones (the benchmark counts reads so).
    const listed = emu.requestLog().filter((e) => e.operation === 'ListMembers');
    expect(listed.slice(-3).map((e) => e.nextPage)).toEqual([false, true, true]);
    // Default OnlyAssociated=true: only the Enabled three quarters.
    const associated: string[] = [];
    for await (const page of paginateListMembers({ client, pageSize: 50 }, {}))
      associated.push(...page.Members!.map((m) => m.MemberStatus!));
    expect(associated).toHaveLength(90);
    expect(new Set(associated)).toEqual(new Set(['Enabled']));
  });

  it('pages through 61 invitations of one member', async () => {
    const client = securityHub(emu, keysOf(2));
    const ids: string[] = [];
    for await (const page of paginateListInvitations({ client, pageSize: 20 }, {}))
      ids.push(...page.Invitations!.map((i) => i.AccountId!));
    expect(ids).toHaveLength(61);
    expect(ids[0]).toBe(generatedAccountId(0));
  });

  it('pages through the product catalogue (>120 products)', async () => {
    const client = securityHub(emu, keysOf(1));
    const arns: string[] = [];
    for await (const page of paginateDescribeProducts({ client, pageSize: 25 }, {}))
      arns.push(...page.Products!.map((p) => p.ProductArn!));
    expect(arns.length).toBeGreaterThan(120);
    expect(new Set(arns).size).toBe(arns.length);
  });

  it('refuses a made-up NextToken and a token of another operation', async () => {
    const client = securityHub(emu, keysOf(0));
    const bad = await failure(() => client.send(new ListMembersCommand({ NextToken: 'bm90LWEtdG9rZW4' })));
    expect(bad.name).toBe('InvalidInputException');
    const products = await client.send(new DescribeProductsCommand({ MaxResults: 10 }));
    const crossed = await failure(() => client.send(new ListMembersCommand({ NextToken: products.NextToken })));
    expect(crossed.name).toBe('InvalidInputException');
    const zero = await failure(() => client.send(new DescribeProductsCommand({ MaxResults: 101 })));
    expect(zero.name).toBe('InvalidInputException');
  });
});
