/** Settings and the activity log. */
import fs from 'node:fs/promises';
import type { Handlers } from '../../../contract/api';
import { AppErrorException, appError } from '../../domain/errors';
import type { BackendCore } from '../backend-core';
import { activityToCsv, activityToJson, activityToJsonLines } from '../storage/activity-export';

type SettingsChannels = 'settings:get' | 'settings:update' | 'activity:list' | 'activity:export';

export function settingsHandlers(core: BackendCore): Pick<Handlers, SettingsChannels> {
  const { store, activity, clock, deps } = core;
  return {
    async 'settings:get'() {
      return store.get();
    },
    async 'settings:update'(request) {
      const before = store.get().trustedAdministrators;
      const next = store.update(request);
      core.applySettings();
      // Trusting and no longer trusting an administrator are recorded, whichever door changed the list.
      if (request.trustedAdministrators) await core.trust.recordChange(before, next.trustedAdministrators);
      return next;
    },
    async 'activity:list'(request) {
      return activity.list(request?.limit);
    },
    async 'activity:export'(request) {
      const entries = await activity.list();
      const day = clock().toISOString().slice(0, 10);
      const target = await deps.chooseSavePath(`securityhub-activity-${day}.${request.format}`);
      if (!target) return { saved: false, path: null, entries: entries.length };
      // JSON Lines in the log's own order, oldest first; CSV and JSON newest first, as the page lists them.
      const text =
        request.format === 'csv'
          ? activityToCsv(entries)
          : request.format === 'jsonl'
            ? activityToJsonLines([...entries].reverse())
            : activityToJson(entries);
      try {
        await fs.writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
        throw new AppErrorException(appError('config', `The activity could not be saved to ${target} (${code}).`));
      }
      return { saved: true, path: target, entries: entries.length };
    },
  };
}
