/**
 * Valid requests for every contract channel, as fast-check arbitraries. The table is typed over the
 * contract's Channel, so a new channel does not compile until it has an entry here; the fuzz suite
 * also checks at run time that every generated request passes its own schema (a generator that
 * drifts from the contract would otherwise test nothing).
 *
 * Names come from the demo scenario (so many requests reach a real row of the emulator), mixed with
 * random but well-formed ones (an unknown profile, an account nobody owns), which must be answered
 * with a typed error.
 */
import fc from 'fast-check';
import type { Channel, RequestOf } from '../../contract/api';
import { THEMES } from '../../main/domain/types';

/** What the generators draw real names from (read from the scenario the backend runs against). */
export interface ScenarioNames {
  profiles: string[];
  regions: string[];
  accounts: string[];
}

export type ValidArbitraries = { [C in Channel]: fc.Arbitrary<RequestOf<C>> };

/** A small sample: realistic requests without making one case cost a full refresh of everything. */
const few = <T>(arb: fc.Arbitrary<T>, max = 3) => fc.array(arb, { minLength: 1, maxLength: max });

export function validArbitraries(names: ScenarioNames): ValidArbitraries {
  const profile = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names.profiles) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  );
  // Regions outside the scenario are well-formed too: the emulator answers them like an unused region.
  const region = fc.constantFrom(...names.regions, 'us-west-2', 'eu-central-1');
  const accountId = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...names.accounts) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{12}$/) },
  );
  // The app's one service, named or left out (which means it too).
  const service = fc.constant('securityhub');
  const row = fc.record({ service, profile, region }, { requiredKeys: ['profile', 'region'] });
  const none = fc.constantFrom(undefined, null, {});
  const rowWith = <T extends Record<string, unknown>>(extra: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
    fc.record(
      { service, profile, region, ...extra },
      {
        requiredKeys: ['profile', 'region', ...Object.keys(extra)] as never[],
      },
    ) as fc.Arbitrary<{ service?: string; profile: string; region: string } & T>;
  const accountIds = few(accountId);
  const optional = { requiredKeys: [] as never[] };

  return {
    'app:info': none,
    'profiles:list': fc.option(fc.record({ reload: fc.boolean() }, optional), { nil: undefined }),
    'snapshots:cached': none,
    'refresh:start': fc.record(
      {
        scope: fc.oneof(
          // "all" reads every profile and region: rare, so a case stays a fraction of a second.
          { weight: 1, arbitrary: fc.constant({ kind: 'all' as const }) },
          { weight: 3, arbitrary: fc.record({ kind: fc.constant('profile' as const), profile }) },
          { weight: 5, arbitrary: fc.record({ kind: fc.constant('row' as const), profile, region }) },
          { weight: 3, arbitrary: fc.record({ kind: fc.constant('rows' as const), rows: few(row) }) },
          {
            weight: 2,
            arbitrary: fc.record(
              {
                kind: fc.constant('select' as const),
                profiles: few(profile),
                regions: few(region),
                services: few(service, 1),
              },
              { requiredKeys: ['kind', 'profiles'] },
            ),
          },
        ),
        reload: fc.boolean(),
      },
      { requiredKeys: ['scope'] },
    ),
    'refresh:cancel': fc.record({ refreshId: fc.string({ minLength: 1, maxLength: 100 }) }),
    'rows:plan': fc.record({ profiles: few(profile), regions: few(region), services: few(service, 1) }, optional),
    'regions:recheck': fc.record({ profile }, optional),
    'invitation:accept': rowWith({
      administratorId: accountId,
      invitationId: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 })),
    }),
    'invitation:decline': rowWith({ administratorId: accountId }),
    'administrator:disassociate': row,
    'members:list': rowWith({ onlyAssociated: fc.boolean() }),
    'members:get': rowWith({ accountIds }),
    'members:create': rowWith({
      accounts: few(
        fc.record(
          { accountId, email: fc.constantFrom('member@example.com', 'ops+sec@example.org') },
          { requiredKeys: ['accountId'] },
        ),
      ),
    }),
    'members:invite': rowWith({ accountIds }),
    'members:disassociate': rowWith({ accountIds }),
    'members:delete': rowWith({ accountIds }),
    'invitations:delete': rowWith({ accountIds }),
    'service:enable': rowWith({ enableDefaultStandards: fc.boolean() }),
    'members:import-csv': none,
    'handshake:run': fc.record({
      service,
      administratorProfile: profile,
      memberProfile: profile,
      regions: few(region, 2),
    }),
    'bulk:run': fc.record({
      action: fc.constantFrom('accept' as const, 'decline' as const),
      administratorId: accountId,
      rows: few(row),
    }),
    'permissions:policy': fc.record(
      {
        services: fc.constantFrom(['securityhub'], ['guardduty', 'securityhub']),
        use: fc.constantFrom('read' as const, 'member' as const, 'administrator' as const),
        includeDeprecated: fc.boolean(),
        accountNames: fc.boolean(),
      },
      { requiredKeys: ['use'] },
    ),
    'products:list': fc.record({ profile, region }),
    'settings:get': none,
    'settings:update': fc.record(
      {
        services: few(service, 1),
        defaultRegions: fc.array(region, { maxLength: 3 }),
        profileRegions: fc.dictionary(profile, fc.array(region, { maxLength: 3 }), { maxKeys: 2 }),
        hiddenProfiles: fc.array(profile, { maxLength: 3 }),
        selectedView: fc.string({ maxLength: 200 }),
        concurrency: fc.integer({ min: 1, max: 256 }),
        autoRefreshMinutes: fc.integer({ min: 0, max: 1440 }),
        callTimeoutMs: fc.integer({ min: 1000, max: 300000 }),
        readOnly: fc.boolean(),
        confirmations: fc.record({ decline: fc.boolean(), disassociate: fc.boolean(), adminActions: fc.boolean() }),
        theme: fc.constantFrom(...THEMES),
        trustedAdministrators: fc.uniqueArray(
          fc.record({
            accountId: fc.stringMatching(/^\d{12}$/),
            service: fc.constantFrom('*', 'securityhub'),
            origin: fc.constantFrom('you' as const, 'administrator' as const, 'delegated-administrator' as const),
            since: fc.constant('2026-01-01T00:00:00.000Z'),
          }),
          { maxLength: 3, selector: (t) => `${t.accountId}/${t.service}` },
        ),
      },
      optional,
    ),
    'activity:list': fc.option(fc.record({ limit: fc.integer({ min: 1, max: 10000 }) }, optional), {
      nil: undefined,
    }),
    'activity:export': fc.record({ format: fc.constantFrom('csv' as const, 'json' as const, 'jsonl' as const) }),
    'clipboard:write': fc.record({ text: fc.string({ maxLength: 300 }) }),
    'external:open': fc.record({
      url: fc.oneof(
        fc.webUrl().filter((u) => u.length <= 2048),
        fc.constantFrom('https://docs.aws.amazon.com/securityhub/', 'javascript:alert(1)', 'file:///etc/passwd'),
      ),
    }),
    'mfa:answer': fc.record({
      promptId: fc.string({ minLength: 1, maxLength: 100 }),
      code: fc.option(fc.stringMatching(/^\d{6}$/), { nil: null }),
    }),
    // The device flow: the demo scenario approves it at once, so no sign-in is left waiting.
    'sso:sign-in': fc.record({
      target: fc.oneof(
        fc.record({ ssoSession: fc.constantFrom('demo', 'expired-session', 'no-such-session') }),
        fc.record({ profile }),
      ),
      flow: fc.constant('device-code' as const),
    }),
    'sso:cancel': fc.record({ signInId: fc.string({ minLength: 1, maxLength: 100 }) }),
    'sso:sign-out': fc.record({
      target: fc.oneof(
        fc.record({ ssoSession: fc.constantFrom('expired-session', 'no-such-session') }),
        fc.record({ profile: fc.constantFrom('sso-signed-out', 'admin') }),
      ),
    }),
    'sso:status': none,
    'names:get': none,
  };
}

export type FullSamples = { [C in Channel]: RequestOf<C>[] };

/**
 * One or more valid requests per channel with EVERY optional field present and every array non-empty,
 * so that mutating "one field" (hostile.ts) reaches each field of the schema at least once.
 */
export function fullSamples(): FullSamples {
  const row = { service: 'securityhub', profile: 'member-pending', region: 'us-east-1' };
  const admin = { service: 'securityhub', profile: 'admin', region: 'us-east-1' };
  const ids = ['222222222222', '333333333333'];
  return {
    'app:info': [{}],
    'profiles:list': [{ reload: true }],
    'snapshots:cached': [{}],
    'refresh:start': [
      { scope: { kind: 'all' }, reload: false },
      { scope: { kind: 'profile', profile: 'admin' }, reload: true },
      { scope: { kind: 'row', ...row }, reload: false },
      { scope: { kind: 'rows', rows: [row, { profile: 'admin', region: 'eu-west-1' }] }, reload: false },
      {
        scope: { kind: 'select', profiles: ['admin'], regions: ['us-east-1'], services: ['securityhub'] },
        reload: false,
      },
    ],
    'refresh:cancel': [{ refreshId: 'refresh-1' }],
    'rows:plan': [{ profiles: ['admin'], regions: ['us-east-1'], services: ['securityhub'] }],
    'regions:recheck': [{ profile: 'member-pending' }],
    'invitation:accept': [{ ...row, administratorId: '111111111111', invitationId: 'inv-1', turnOn: false }],
    'invitation:decline': [{ ...row, administratorId: '111111111111' }],
    'administrator:disassociate': [row],
    'members:list': [{ ...admin, onlyAssociated: false }],
    'members:get': [{ ...admin, accountIds: ids }],
    'members:create': [{ ...admin, accounts: [{ accountId: '888888888888', email: 'a@example.com' }] }],
    'members:invite': [{ ...admin, accountIds: ids }],
    'members:disassociate': [{ ...admin, accountIds: ids }],
    'members:delete': [{ ...admin, accountIds: ids }],
    'invitations:delete': [{ ...row, accountIds: ['111111111111'] }],
    'service:enable': [
      { service: 'securityhub', profile: 'hub-off', region: 'eu-west-1', enableDefaultStandards: true },
    ],
    'members:import-csv': [{}],
    'handshake:run': [
      { service: 'securityhub', administratorProfile: 'admin', memberProfile: 'sandbox-role', regions: ['us-east-1'] },
    ],
    'bulk:run': [{ action: 'accept', administratorId: '111111111111', rows: [row] }],
    'permissions:policy': [
      { services: ['securityhub', 'guardduty'], use: 'administrator', includeDeprecated: true, accountNames: false },
    ],
    'products:list': [{ profile: 'member-pending', region: 'us-east-1' }],
    'settings:get': [{}],
    'settings:update': [
      {
        services: ['securityhub'],
        defaultRegions: ['us-east-1', 'eu-west-1'],
        profileRegions: { admin: ['us-east-1'] },
        hiddenProfiles: ['legacy-iam'],
        selectedView: 'all',
        concurrency: 8,
        autoRefreshMinutes: 0,
        callTimeoutMs: 20000,
        readOnly: false,
        confirmations: { decline: true, disassociate: true, adminActions: true },
        theme: 'dark',
        trustedAdministrators: [
          { accountId: '111111111111', service: 'securityhub', origin: 'you', since: '2026-01-01T00:00:00.000Z' },
        ],
      },
    ],
    'activity:list': [{ limit: 10 }],
    'activity:export': [{ format: 'csv' }],
    'clipboard:write': [{ text: 'hello' }],
    'external:open': [{ url: 'https://docs.aws.amazon.com/securityhub/' }],
    'mfa:answer': [
      { promptId: 'prompt-1', code: '123456' },
      { promptId: 'prompt-1', code: null },
    ],
    'sso:sign-in': [
      { target: { ssoSession: 'demo' }, flow: 'device-code', openBrowser: false },
      { target: { profile: 'sso-dev' }, flow: 'device-code', openBrowser: false },
    ],
    'sso:cancel': [{ signInId: 'sign-in-1' }],
    'sso:sign-out': [{ target: { ssoSession: 'expired-session' } }],
    'sso:status': [{}],
    'names:get': [{}],
  };
}
