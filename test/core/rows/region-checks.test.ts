import { describe, expect, it } from 'vitest';
import { createRegionChecks, REGION_RECHECK_MS } from '../../../main/core/rows/region-checks';
import { appError } from '../../../main/domain/errors';
import { serviceRow, TEST_FETCHED_AT } from '../../helpers/rows';

const at = (ms: number) => new Date(Date.parse(TEST_FETCHED_AT) + ms);
const notEnabled = serviceRow('p', 'me-central-1', {
  accountId: '111111111111',
  state: 'region-not-enabled',
  error: appError('region-not-enabled', 'not enabled'),
});
const off = (service: string) =>
  serviceRow('p', 'eu-west-1', {
    service,
    accountId: '111111111111',
    state: 'off',
    error: appError('service-off', 'off'),
  });

describe('standing answers', () => {
  it('holds a region not enabled for every service of the account-region, for a day', () => {
    const checks = createRegionChecks([notEnabled]);
    for (const service of ['securityhub', 'macie']) {
      expect(checks.notEnabledSince(service, '111111111111', 'me-central-1', at(1000))).toMatchObject({
        state: 'region-not-enabled',
        at: TEST_FETCHED_AT,
      });
    }
    expect(checks.notEnabledSince('securityhub', '111111111111', 'me-central-1', at(REGION_RECHECK_MS))).toBeNull();
    expect(checks.notEnabledSince('securityhub', '222222222222', 'me-central-1', at(1000))).toBeNull();
  });

  it('holds a service off only for a service whose off stands, and only for that service', () => {
    const checks = createRegionChecks([off('securityhub'), off('macie')], (service) => service === 'macie');
    expect(checks.notEnabledSince('securityhub', '111111111111', 'eu-west-1', at(1000))).toBeNull();
    expect(checks.notEnabledSince('macie', '111111111111', 'eu-west-1', at(1000))).toMatchObject({
      state: 'off',
      error: { kind: 'service-off' },
    });
    expect(checks.notEnabledSince('guardduty', '111111111111', 'eu-west-1', at(1000))).toBeNull();
  });

  it('drops a service’s off once it reads on, and says what a re-check forgot', () => {
    const checks = createRegionChecks([notEnabled, off('macie')], (service) => service === 'macie');
    checks.learn(
      serviceRow('p', 'eu-west-1', { service: 'macie', accountId: '111111111111', fetchedAt: at(5).toISOString() }),
    );
    expect(checks.notEnabledSince('macie', '111111111111', 'eu-west-1', at(1000))).toBeNull();
    checks.learn(off('macie'));
    expect(checks.forget(new Set(['111111111111'])).sort((a, b) => a.region.localeCompare(b.region))).toEqual([
      { service: 'macie', accountId: '111111111111', region: 'eu-west-1' },
      { service: null, accountId: '111111111111', region: 'me-central-1' },
    ]);
    expect(checks.forget()).toEqual([]);
  });
});
