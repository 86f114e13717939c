import Button from '@cloudscape-design/components/button';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AppError, Settings } from '../../../../contract/api';
import { useFlash } from '../../components/flash';
import { queryKeys } from '../../data/keys';
import { useSettings } from '../../data/queries';
import { useRefresh } from '../../data/refresh';
import { api } from '../../lib/api';
import { asAppError, call } from '../../lib/errors';
import { checkDraft, type DraftErrors, type SettingsDraft, toDraft } from './draft';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The Settings form's state. The draft follows the stored settings while it has no edits; when
 * the settings change elsewhere (the command line, a reset) during an edit, `changedElsewhere`
 * says so instead of dropping the user's changes.
 */
export function useSettingsForm() {
  const settings = useSettings();
  const client = useQueryClient();
  const flash = useFlash();
  const refresh = useRefresh();
  const [base, setBase] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const stored = settings.data;
  const edited = Boolean(draft && base && !same(draft, toDraft(base)));

  useEffect(() => {
    if (!stored || stored === base) return;
    if (!base || !edited) {
      setBase(stored);
      setDraft(toDraft(stored));
    }
  }, [stored, base, edited]);

  const reset = () => {
    if (!stored) return;
    setBase(stored);
    setDraft(toDraft(stored));
    setErrors({});
    setSaveError(null);
  };

  const save = async () => {
    if (!draft) return;
    const checked = checkDraft(draft);
    setErrors(checked.errors);
    if (!checked.patch) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await call(api().updateSettings(checked.patch));
      const before = base;
      setBase(saved);
      setDraft(toDraft(saved));
      client.setQueryData(queryKeys.settings, saved);
      const scopeChanged =
        !before ||
        !same(
          [before.defaultRegionMode, before.defaultRegions, before.profileRegions, before.hiddenProfiles],
          [saved.defaultRegionMode, saved.defaultRegions, saved.profileRegions, saved.hiddenProfiles],
        );
      flash.push({
        id: 'settings',
        type: 'success',
        content: scopeChanged
          ? 'Settings saved. Refresh to read the new set of profiles and regions.'
          : 'Settings saved.',
        action: scopeChanged ? (
          <Button onClick={() => void refresh.start({ kind: 'all' })} data-testid="settings-refresh-now">
            Refresh now
          </Button>
        ) : undefined,
      });
    } catch (error) {
      setSaveError(asAppError(error));
    } finally {
      setSaving(false);
    }
  };

  /** The trusted administrators are saved at once, apart from the draft (which does not hold them). */
  const saveTrusted = async (list: Settings['trustedAdministrators']) => {
    try {
      const saved = await call(api().updateSettings({ trustedAdministrators: list }));
      // The draft is the same for the new settings: the form keeps its edits and follows them (the
      // base is the cached object itself, which structural sharing may have rebuilt).
      client.setQueryData(queryKeys.settings, saved);
      setBase(client.getQueryData<Settings>(queryKeys.settings) ?? saved);
    } catch (error) {
      setSaveError(asAppError(error));
    }
  };

  return {
    query: settings,
    saveTrusted,
    draft,
    update: (patch: Partial<SettingsDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d)),
    errors,
    saveError,
    saving,
    save,
    reset,
    changedElsewhere: Boolean(stored && base && stored !== base && edited),
  };
}
