/** Query keys in one place so pages and event handlers agree. */
export const queryKeys = {
  appInfo: ['app-info'] as const,
  profiles: ['profiles'] as const,
  settings: ['settings'] as const,
  rows: ['rows'] as const,
  activity: ['activity'] as const,
  names: ['account-names'] as const,
  products: (profile: string, region: string) => ['products', profile, region] as const,
  members: (service: string, profile: string, region: string, onlyAssociated: boolean) =>
    ['members', service, profile, region, onlyAssociated] as const,
};
