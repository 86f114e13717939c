/**
 * The security services the app reads, as main describes them (`app:info`): the window names a
 * service only through these, never by a name of its own.
 */
import { useMemo } from 'react';
import type { ServiceInfo } from '../../../contract/api';
import { useAppInfo, useSettings } from './queries';

const NONE: readonly ServiceInfo[] = [];

/** Every service the app can read, in the registry's order (none until the app's info has come). */
export function useServices(): readonly ServiceInfo[] {
  return useAppInfo().data?.services ?? NONE;
}

/**
 * The services the settings read, in the registry's order: every one in 'all' mode (and until the
 * settings have come), else those chosen. The Overview shows its Service column, summary line and
 * matrix picker by these, so an app set to read Security Hub CSPM alone looks as it did before
 * there were other services.
 */
export function useServicesRead(): readonly ServiceInfo[] {
  const all = useServices();
  const settings = useSettings().data;
  return useMemo(() => {
    if (!settings || settings.serviceMode === 'all') return all;
    const chosen = all.filter((s) => settings.services.includes(s.id));
    return chosen.length > 0 ? chosen : all;
  }, [all, settings]);
}

/** A service's name for labels ("Security Hub CSPM"); its id when it is not known. */
export function serviceLabel(services: readonly ServiceInfo[], id: string): string {
  return services.find((s) => s.id === id)?.name ?? id;
}

/** A service's name in a sentence ("Security Hub is off"); its id when it is not known. */
export function serviceNoun(services: readonly ServiceInfo[], id: string): string {
  return services.find((s) => s.id === id)?.shortName ?? id;
}

/**
 * What a service calls its invitation reference, for a column or a label ("Behavior graph ARN" for
 * Detective, whose invitations and memberships are its graphs'); "Invitation id" otherwise.
 */
export function referenceLabel(services: readonly ServiceInfo[], id: string): string {
  const name = services.find((s) => s.id === id)?.invitationReference?.name ?? 'invitation id';
  return name.charAt(0).toUpperCase() + name.slice(1);
}
