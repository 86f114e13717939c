import { describe, expect, it } from 'vitest';
import { checkDraft, toDraft } from '../../../../renderer/src/pages/settings/draft';
import { demoSettings } from '../../support/demo-data';

describe('settings draft', () => {
  it('turns a valid draft into a patch and names each bad field', () => {
    const draft = toDraft(demoSettings());
    expect(checkDraft(draft).patch).toMatchObject({
      concurrency: 16,
      callTimeoutMs: 15000,
      credentialTimeoutSeconds: 30,
      serviceMode: 'all',
    });
    const bad = checkDraft({
      ...draft,
      serviceMode: 'list',
      concurrency: '300',
      autoRefreshMinutes: '-1',
      callTimeoutSeconds: '1.5',
      credentialTimeoutSeconds: '4',
      defaultRegions: ['Mars'],
      profileRegions: [{ profile: 'admin', regions: [] }],
      services: [],
    });
    expect(bad.patch).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual([
      'autoRefreshMinutes',
      'callTimeoutSeconds',
      'concurrency',
      'credentialTimeoutSeconds',
      'defaultRegions',
      'profileRegions',
      'services',
    ]);
  });
});
