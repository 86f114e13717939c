import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AccountNames } from '../../../contract/api';
import { api } from '../lib/api';
import { call } from '../lib/errors';
import { queryKeys } from './keys';
import { staleTimeFor } from './query-client';

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => call(api().appInfo()), staleTime: Infinity });
}

export function useProfiles() {
  return useQuery({ queryKey: queryKeys.profiles, queryFn: () => call(api().listProfiles()) });
}

export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => call(api().getSettings()) });
}

export function useActivity() {
  return useQuery({ queryKey: queryKeys.activity, queryFn: () => call(api().listActivity({ limit: 5000 })) });
}

/** The names with the accounts of yours as a set (made once per answer, not per cell). */
export interface KnownNames {
  names: AccountNames;
  own: ReadonlySet<string>;
}
const withOwnSet = (names: AccountNames): KnownNames => ({ names, own: new Set(names.own) });

/** The account names main knows (names.json); each names pass sends them again (`account-names`). */
export function useAccountNames() {
  return useQuery({
    queryKey: queryKeys.names,
    queryFn: () => call(api().accountNames()),
    select: withOwnSet,
    staleTime: Infinity,
  });
}

export function useProducts(profile: string | null, region: string | null) {
  return useQuery({
    queryKey: queryKeys.products(profile ?? '', region ?? ''),
    queryFn: () => call(api().listProducts({ profile: profile ?? '', region: region ?? '' })),
    enabled: Boolean(profile && region),
  });
}

export function useMembers(
  row: { service: string; profile: string; region: string },
  onlyAssociated: boolean,
  enabled: boolean,
) {
  const { service, profile, region } = row;
  return useQuery({
    queryKey: queryKeys.members(service, profile, region, onlyAssociated),
    queryFn: () => call(api().listMembers({ service, profile, region, onlyAssociated })),
    enabled,
  });
}

/** Keeps the client's default staleTime equal to the auto-refresh interval from Settings. */
export function useStaleTimeFromSettings(autoRefreshMinutes: number | undefined): void {
  const client = useQueryClient();
  useEffect(() => {
    if (autoRefreshMinutes === undefined) return;
    const defaults = client.getDefaultOptions();
    client.setDefaultOptions({
      ...defaults,
      queries: { ...defaults.queries, staleTime: staleTimeFor(autoRefreshMinutes) },
    });
  }, [client, autoRefreshMinutes]);
}
