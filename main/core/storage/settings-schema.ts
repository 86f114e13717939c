/**
 * What the settings file may hold, and how a hand-edited or damaged file is repaired: every key is
 * checked on its own so one bad value never costs the user the others. (The rows' stored form is the
 * row's own schema, main/domain/row.ts; the activity log's is activity-schema.ts.)
 *
 * The per-key rules are the ones `settings:update` enforces (contract/api.ts), so a value the app
 * would refuse over IPC is also refused when it is typed into the file by hand; `services` is also
 * checked against the registry (an id the app does not have is refused, as at the door).
 */
import { z } from 'zod';
import { requestSchemas } from '../../../contract/api';
import { EVERY_SERVICE } from '../../domain/trust';
import type { Settings } from '../../domain/types';
import { isServiceId, serviceIds } from '../services/registry';

export const DEFAULT_SETTINGS: Settings = {
  // A file without the mode (every one written before it) reads every service: its `services`, when
  // there, was written while the app had one service to offer, so it was never a choice.
  serviceMode: 'all',
  services: serviceIds(),
  defaultRegionMode: 'all',
  defaultRegions: ['us-east-1'],
  profileRegions: {},
  hiddenProfiles: [],
  selectedView: 'overview',
  concurrency: 64,
  autoRefreshMinutes: 0,
  callTimeoutMs: 15_000,
  credentialTimeoutSeconds: 30,
  readOnly: false,
  confirmations: { decline: true, disassociate: true, adminActions: true },
  theme: 'system',
  trustedAdministrators: [],
  workers: null,
};

const field = requestSchemas['settings:update'].shape;

/** The services setting: the door's rule, and only services the app has. */
const servicesSchema = field.services.unwrap().refine((ids) => ids.every(isServiceId), {
  message: `must list services the app reads (${serviceIds().join(', ')})`,
});

/** The trusted administrators: the door's rule, each entry naming a service the app has (or every one). */
const trustedSchema = field.trustedAdministrators
  .unwrap()
  .refine((list) => list.every((t) => t.service === EVERY_SERVICE || isServiceId(t.service)), {
    message: `must name services the app reads (${serviceIds().join(', ')}) or ${EVERY_SERVICE}`,
  });

/** What `update` takes: the door's patch, with the services checked against the registry. */
export const settingsPatchSchema = requestSchemas['settings:update'].extend({
  services: servicesSchema.optional(),
  trustedAdministrators: trustedSchema.optional(),
});

/** One schema per stored key: the IPC rule without its `.optional()`. */
export const settingsKeySchemas = {
  serviceMode: field.serviceMode.unwrap(),
  services: servicesSchema,
  defaultRegionMode: field.defaultRegionMode.unwrap(),
  defaultRegions: field.defaultRegions.unwrap(),
  profileRegions: field.profileRegions.unwrap(),
  hiddenProfiles: field.hiddenProfiles.unwrap(),
  selectedView: field.selectedView.unwrap(),
  concurrency: field.concurrency.unwrap(),
  autoRefreshMinutes: field.autoRefreshMinutes.unwrap(),
  callTimeoutMs: field.callTimeoutMs.unwrap(),
  credentialTimeoutSeconds: field.credentialTimeoutSeconds.unwrap(),
  readOnly: field.readOnly.unwrap(),
  confirmations: field.confirmations.unwrap(),
  theme: field.theme.unwrap(),
  trustedAdministrators: trustedSchema,
  workers: field.workers.unwrap(),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };

export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
export const windowStateSchema = z.strictObject({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean(),
});

/** The key beside the settings that holds the window geometry (null until the window first closes). */
export const WINDOW_STATE_KEY = 'windowState';
/** conf and electron-store keep their migration bookkeeping under this key: leave it alone. */
export const CONF_INTERNAL_KEY = '__internal__';

export interface RepairResult {
  settings: Settings;
  windowState: WindowState | null;
  /** Plain phrases, one per key that was reset, trimmed or removed. Empty when the file was valid. */
  problems: string[];
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Keeps every valid key of a parsed settings object, resets the invalid ones to their defaults
 * and reports each change. Pure: the caller decides whether to back up and rewrite the file.
 */
export function repairSettings(raw: Record<string, unknown>): RepairResult {
  const problems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    const fallback = DEFAULT_SETTINGS[key];
    if (!(key in raw)) {
      settings[key] = structuredClone(fallback);
      // A file written before the mode existed read its defaultRegions list: it keeps doing so.
      if (key === 'defaultRegionMode' && 'defaultRegions' in raw) settings[key] = 'list';
      continue;
    }
    const parsed = settingsKeySchemas[key].safeParse(raw[key]);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else if (key === 'confirmations') {
      settings[key] = repairConfirmations(raw[key], problems);
    } else {
      const kept = keepValidParts(key, raw[key]);
      settings[key] = kept ?? structuredClone(fallback);
      problems.push(
        kept === undefined
          ? `"${key}" was ${describe(raw[key])}, reset to ${describe(fallback)}`
          : `"${key}" was ${describe(raw[key])}, invalid entries removed`,
      );
    }
  }

  let windowState: WindowState | null = null;
  const storedWindow = raw[WINDOW_STATE_KEY];
  if (storedWindow !== undefined && storedWindow !== null) {
    const parsed = windowStateSchema.safeParse(storedWindow);
    if (parsed.success) windowState = parsed.data;
    else problems.push(`"${WINDOW_STATE_KEY}" was ${describe(storedWindow)}, cleared`);
  }

  for (const key of Object.keys(raw)) {
    const known = (SETTINGS_KEYS as string[]).includes(key) || key === WINDOW_STATE_KEY || key === CONF_INTERNAL_KEY;
    if (!known) problems.push(`unknown key "${key}" removed`);
  }
  return { settings: settings as unknown as Settings, windowState, problems };
}

/**
 * A list or map with a few bad entries keeps the good ones (one mistyped region should not cost
 * the user the others). Returns undefined when nothing usable is left.
 */
function keepValidParts(key: keyof Settings, value: unknown): unknown {
  const schema = settingsKeySchemas[key] as z.ZodType;
  let candidate: unknown;
  if (Array.isArray(value)) {
    candidate = value.filter((item) => schema.safeParse([item]).success);
    if ((candidate as unknown[]).length === 0) return undefined;
  } else if (key === 'profileRegions' && value !== null && typeof value === 'object') {
    candidate = Object.fromEntries(
      Object.entries(value).filter(([name, regions]) => schema.safeParse({ [name]: regions }).success),
    );
  } else {
    return undefined;
  }
  const parsed = schema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** A half-valid confirmations object keeps the flags that are booleans. */
function repairConfirmations(value: unknown, problems: string[]): Settings['confirmations'] {
  const result = { ...DEFAULT_SETTINGS.confirmations };
  const source = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  for (const flag of Object.keys(result) as (keyof typeof result)[]) {
    if (typeof source[flag] === 'boolean') result[flag] = source[flag];
  }
  problems.push(`"confirmations" was ${describe(value)}, invalid parts reset to ${describe(result)}`);
  return result;
}
