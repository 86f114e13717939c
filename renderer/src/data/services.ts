/**
 * The security services the app reads, as main describes them (`app:info`): the window names a
 * service only through these, never by a name of its own.
 */
import type { ServiceInfo } from '../../../contract/api';
import { useAppInfo } from './queries';

const NONE: readonly ServiceInfo[] = [];

/** Every service the app can read, in the registry's order (none until the app's info has come). */
export function useServices(): readonly ServiceInfo[] {
  return useAppInfo().data?.services ?? NONE;
}

/** A service's name for labels ("Security Hub CSPM"); its id when it is not known. */
export function serviceLabel(services: readonly ServiceInfo[], id: string): string {
  return services.find((s) => s.id === id)?.name ?? id;
}

/** A service's name in a sentence ("Security Hub is off"); its id when it is not known. */
export function serviceNoun(services: readonly ServiceInfo[], id: string): string {
  return services.find((s) => s.id === id)?.shortName ?? id;
}
