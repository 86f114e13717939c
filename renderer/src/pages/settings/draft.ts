import type { Settings } from '../../../../contract/api';
import { REGION_PATTERN } from '../../lib/regions';

/** The form's copy of Settings: numbers stay text until they are checked. */
export interface SettingsDraft {
  /** Every service (those added later too), or the list; the form offers the choice once the app has more than one. */
  serviceMode: Settings['serviceMode'];
  /** The services read in 'list' mode (ids). */
  services: string[];
  defaultRegionMode: Settings['defaultRegionMode'];
  defaultRegions: string[];
  profileRegions: { profile: string; regions: string[] }[];
  hiddenProfiles: string[];
  concurrency: string;
  autoRefreshMinutes: string;
  callTimeoutSeconds: string;
  credentialTimeoutSeconds: string;
  readOnly: boolean;
  confirmations: Settings['confirmations'];
  theme: Settings['theme'];
}

export type DraftErrors = Partial<
  Record<
    | 'services'
    | 'defaultRegions'
    | 'profileRegions'
    | 'concurrency'
    | 'autoRefreshMinutes'
    | 'callTimeoutSeconds'
    | 'credentialTimeoutSeconds',
    string
  >
>;

export function toDraft(settings: Settings): SettingsDraft {
  return {
    serviceMode: settings.serviceMode,
    services: [...settings.services],
    defaultRegionMode: settings.defaultRegionMode,
    defaultRegions: [...settings.defaultRegions],
    profileRegions: Object.entries(settings.profileRegions).map(([profile, regions]) => ({
      profile,
      regions: [...regions],
    })),
    hiddenProfiles: [...settings.hiddenProfiles],
    concurrency: String(settings.concurrency),
    autoRefreshMinutes: String(settings.autoRefreshMinutes),
    callTimeoutSeconds: String(Math.round(settings.callTimeoutMs / 1000)),
    credentialTimeoutSeconds: String(settings.credentialTimeoutSeconds),
    readOnly: settings.readOnly,
    confirmations: { ...settings.confirmations },
    theme: settings.theme,
  };
}

function integerIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** Checks the draft the way main will, so most mistakes show beside their field before saving. */
export function checkDraft(draft: SettingsDraft): { errors: DraftErrors; patch: Partial<Settings> | null } {
  const errors: DraftErrors = {};
  if (draft.serviceMode === 'list' && draft.services.length === 0) errors.services = 'Choose at least one service.';
  // The list is kept (and checked) only when it is what the profiles read.
  const listed = draft.defaultRegionMode === 'list';
  const badRegion = draft.defaultRegions.find((r) => !REGION_PATTERN.test(r));
  if (listed && badRegion) errors.defaultRegions = `${badRegion} is not a region name such as us-east-1.`;
  if (listed && draft.defaultRegions.length === 0) errors.defaultRegions = 'Choose at least one region.';
  const profileRegions: Record<string, string[]> = {};
  for (const entry of draft.profileRegions) {
    if (!entry.profile) errors.profileRegions = 'Choose a profile for every entry.';
    else if (entry.regions.length === 0) errors.profileRegions = `Choose at least one region for ${entry.profile}.`;
    else profileRegions[entry.profile] = entry.regions;
  }
  const concurrency = integerIn(draft.concurrency, 1, 256);
  if (concurrency === null) errors.concurrency = 'A whole number from 1 to 256.';
  const autoRefreshMinutes = integerIn(draft.autoRefreshMinutes, 0, 1440);
  if (autoRefreshMinutes === null) errors.autoRefreshMinutes = 'A whole number of minutes from 0 (off) to 1440.';
  const timeoutSeconds = integerIn(draft.callTimeoutSeconds, 1, 300);
  if (timeoutSeconds === null) errors.callTimeoutSeconds = 'A whole number of seconds from 1 to 300.';
  const credentialTimeoutSeconds = integerIn(draft.credentialTimeoutSeconds, 5, 600);
  if (credentialTimeoutSeconds === null) {
    errors.credentialTimeoutSeconds = 'A whole number of seconds from 5 to 600.';
  }
  if (
    Object.keys(errors).length > 0 ||
    concurrency === null ||
    autoRefreshMinutes === null ||
    timeoutSeconds === null ||
    credentialTimeoutSeconds === null
  ) {
    return { errors, patch: null };
  }
  return {
    errors,
    patch: {
      serviceMode: draft.serviceMode,
      ...(draft.serviceMode === 'list' ? { services: draft.services } : {}),
      defaultRegionMode: draft.defaultRegionMode,
      ...(listed ? { defaultRegions: draft.defaultRegions } : {}),
      profileRegions,
      hiddenProfiles: draft.hiddenProfiles,
      concurrency,
      autoRefreshMinutes,
      callTimeoutMs: timeoutSeconds * 1000,
      credentialTimeoutSeconds,
      readOnly: draft.readOnly,
      confirmations: draft.confirmations,
      theme: draft.theme,
    },
  };
}
