/**
 * The security services the app reads, in the order the window and the command line list them.
 * A new service is one folder beside securityhub/ and one line here (ARCHITECTURE.md: "Adding a
 * service").
 */
import { AppErrorException, appError } from '../../domain/errors';
import { FIRST_SERVICE } from '../../domain/ids';
import type { ServiceInfo } from '../../domain/services';
import type { Settings } from '../../domain/types';
import { detective } from './detective';
import { guardDuty } from './guardduty';
import { macie } from './macie';
import { securityHub } from './securityhub';
import type { SecurityService } from './service';

export const SERVICES: readonly SecurityService[] = [securityHub, guardDuty, macie, detective];

const BY_ID = new Map(SERVICES.map((service) => [service.about.id, service]));

/**
 * The service of this id; an id no service has is the caller's mistake, said as such. No id means
 * Security Hub CSPM: a request written before there were other services names none.
 */
export function serviceOf(id: string = FIRST_SERVICE): SecurityService {
  const service = BY_ID.get(id);
  if (service) return service;
  throw new AppErrorException(
    appError('invalid-request', `There is no service "${id.slice(0, 40)}"; the app reads ${serviceIds().join(', ')}.`),
  );
}

export function isServiceId(id: string): boolean {
  return BY_ID.has(id);
}

export function serviceIds(): string[] {
  return SERVICES.map((service) => service.about.id);
}

/** What the window and the command line may know of every service. */
export function serviceInfos(): ServiceInfo[] {
  return SERVICES.map((service) => service.about);
}

/** The services a refresh reads: every one in 'all' mode (a service added later too), else the list chosen. */
export function servicesRead(settings: Pick<Settings, 'serviceMode' | 'services'>): string[] {
  return settings.serviceMode === 'all' ? serviceIds() : settings.services.filter(isServiceId);
}
