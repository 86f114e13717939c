/**
 * Which rows a refresh reads: the chosen profiles × their regions × the chosen services — the one
 * place that expansion is made (the window, the command line and a sign-in all ask for rows here).
 */
import { AppErrorException, appError } from '../../domain/errors';
import type { RowKey } from '../../domain/ids';
import type { ProfileSummary, Settings } from '../../domain/types';
import { serviceOf, servicesRead } from '../services/registry';
import { regionsForProfile } from './regions';

/** Rows by what to read: which profiles, regions and services (absent: the settings' choice). */
export interface RowSelection {
  /** Absent: every profile that is not hidden. */
  profiles?: string[];
  /** Absent: each profile's regions from the settings. */
  regions?: string[];
  /** Absent: the services the settings read. */
  services?: string[];
}

/** A row as a request names it: the service left out means Security Hub CSPM (serviceOf). */
type AskedRow = Omit<RowKey, 'service'> & { service?: string | undefined };

export type RefreshScope =
  | { kind: 'all' }
  | { kind: 'profile'; profile: string }
  | ({ kind: 'row' } & AskedRow)
  /** Several rows in one refresh (the command line's --region), so their reads are shared. */
  | { kind: 'rows'; rows: AskedRow[] }
  | ({ kind: 'select' } & RowSelection);

export interface RowPlan extends RowKey {
  stsRegion: string;
  notes: string[];
  /** Set when the row cannot be read at all (unusable profile). */
  unusable: string | null;
  /** The account the profile's settings name (ProfileSummary.configuredAccountId): a guess before STS. */
  configuredAccountId: string | null;
}

function findProfile(byName: Map<string, ProfileSummary>, name: string): ProfileSummary {
  const profile = byName.get(name);
  if (!profile) {
    throw new AppErrorException(
      appError('not-found', `There is no profile named ${name} in the AWS config files.`, {
        remediation: 'Check the name against the AWS config files (profile names are case-sensitive).',
      }),
    );
  }
  return profile;
}

/** What to read of one profile: each service with its regions (null: the profile's regions from the settings). */
type Wanted = { service: string; regions: readonly string[] | null }[];

const everyService = (services: readonly string[], regions: readonly string[] | null = null): Wanted =>
  services.map((service) => ({ service, regions }));

function profileRows(profile: ProfileSummary, settings: Settings, wanted: Wanted): RowPlan[] {
  const plans: RowPlan[] = [];
  const unusable = profile.usable ? null : (profile.reason ?? 'The AWS SDK cannot use this profile.');
  let stsRegion: string | null = null;
  for (const { service, regions: asked } of wanted) {
    const { regions, notes } = regionsForProfile(profile, settings, serviceOf(service).regions);
    const rows = asked ?? regions;
    stsRegion ??= profile.region ?? rows[0] ?? 'us-east-1';
    for (const region of rows) {
      plans.push({
        service,
        profile: profile.name,
        region,
        stsRegion,
        notes,
        unusable,
        configuredAccountId: profile.configuredAccountId,
      });
    }
  }
  return plans;
}

export function planRows(profiles: ProfileSummary[], settings: Settings, scope: RefreshScope): RowPlan[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const notHidden = () => {
    const hidden = new Set(settings.hiddenProfiles);
    return profiles.filter((p) => !hidden.has(p.name));
  };
  const services = servicesRead(settings);
  switch (scope.kind) {
    case 'all':
      return notHidden().flatMap((p) => profileRows(p, settings, everyService(services)));
    case 'profile':
      return profileRows(findProfile(byName, scope.profile), settings, everyService(services));
    case 'row':
      return profileRows(findProfile(byName, scope.profile), settings, [
        { service: serviceOf(scope.service).about.id, regions: [scope.region] },
      ]);
    case 'rows': {
      // Each profile's rows grouped by service, in the order asked, each row once.
      const grouped = new Map<string, Map<string, Set<string>>>();
      for (const row of scope.rows) {
        const byService = grouped.get(row.profile) ?? new Map<string, Set<string>>();
        grouped.set(row.profile, byService);
        const service = serviceOf(row.service).about.id;
        byService.set(service, (byService.get(service) ?? new Set()).add(row.region));
      }
      return [...grouped].flatMap(([name, byService]) =>
        profileRows(
          findProfile(byName, name),
          settings,
          [...byService].map(([service, regions]) => ({ service, regions: [...regions] })),
        ),
      );
    }
    case 'select': {
      const chosen = scope.profiles?.length ? scope.profiles.map((n) => findProfile(byName, n)) : notHidden();
      const picked = scope.services?.length ? scope.services : services;
      for (const id of picked) serviceOf(id);
      const regions = scope.regions?.length ? scope.regions : null;
      return chosen.flatMap((p) => profileRows(p, settings, everyService(picked, regions)));
    }
  }
}
