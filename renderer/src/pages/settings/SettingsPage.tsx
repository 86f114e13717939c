import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Toggle from '@cloudscape-design/components/toggle';
import type { Settings } from '../../../../contract/api';
import { ErrorDetail } from '../../components/ErrorDetail';
import { useAppInfo, useProfiles } from '../../data/queries';
import { asAppError } from '../../lib/errors';
import { PermissionsSection } from './PermissionsSection';
import { RegionsSection } from './RegionsSection';
import { TrustedSection } from './TrustedSection';
import { useSettingsForm } from './useSettingsForm';

/** Preferences: regions, hidden profiles, pace, read-only mode, confirmations, trusted administrators and theme. */
export function SettingsPage() {
  const form = useSettingsForm();
  const profiles = useProfiles();
  const settingsFile = useAppInfo().data?.settingsFile;
  const { draft, update, errors } = form;

  if (form.query.isError) {
    return (
      <Alert
        type="error"
        header="Could not read the settings"
        action={<Button onClick={() => void form.query.refetch()}>Try again</Button>}
        data-testid="settings-error"
      >
        <ErrorDetail error={asAppError(form.query.error)} />
      </Alert>
    );
  }
  if (!draft) {
    return (
      <Box data-testid="settings-loading">
        <Spinner /> Loading settings
      </Box>
    );
  }
  const names = (profiles.data?.profiles ?? []).map((p) => p.name);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void form.save();
      }}
    >
      <Form
        header={
          <Header variant="h1" description={settingsFile ? `Saved in ${settingsFile}` : undefined}>
            Settings
          </Header>
        }
        errorText={form.saveError ? <ErrorDetail error={form.saveError} /> : undefined}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={form.reset} data-testid="settings-reset">
              Undo changes
            </Button>
            <Button variant="primary" loading={form.saving} data-testid="settings-save">
              Save
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          {form.changedElsewhere && (
            <Alert type="warning" data-testid="settings-changed-elsewhere">
              The settings were changed elsewhere while you edited them. Save keeps your version; Undo changes loads the
              new one.
            </Alert>
          )}
          <RegionsSection draft={draft} errors={errors} profileNames={names} update={update} />
          <Container header={<Header variant="h2">Refresh</Header>}>
            <SpaceBetween size="m">
              <FormField label="Concurrent calls" description="1 to 256." errorText={errors.concurrency}>
                <Input
                  type="number"
                  value={draft.concurrency}
                  onChange={({ detail }) => update({ concurrency: detail.value })}
                  ariaLabel="Concurrent calls"
                  data-testid="settings-concurrency"
                />
              </FormField>
              <FormField
                label="Auto-refresh every (minutes)"
                description="0 turns auto-refresh off."
                errorText={errors.autoRefreshMinutes}
              >
                <Input
                  type="number"
                  value={draft.autoRefreshMinutes}
                  onChange={({ detail }) => update({ autoRefreshMinutes: detail.value })}
                  ariaLabel="Auto-refresh minutes"
                  data-testid="settings-auto-refresh"
                />
              </FormField>
              <FormField label="Call timeout (seconds)" errorText={errors.callTimeoutSeconds}>
                <Input
                  type="number"
                  value={draft.callTimeoutSeconds}
                  onChange={({ detail }) => update({ callTimeoutSeconds: detail.value })}
                  ariaLabel="Call timeout seconds"
                  data-testid="settings-timeout"
                />
              </FormField>
              <FormField
                label="Credential timeout (seconds)"
                description="How long a profile's credential helper (aws-vault, granted, SSO) may take before it is stopped. Time spent typing an MFA code is not counted. 5 to 600."
                errorText={errors.credentialTimeoutSeconds}
              >
                <Input
                  type="number"
                  value={draft.credentialTimeoutSeconds}
                  onChange={({ detail }) => update({ credentialTimeoutSeconds: detail.value })}
                  ariaLabel="Credential timeout seconds"
                  data-testid="settings-credential-timeout"
                />
              </FormField>
            </SpaceBetween>
          </Container>
          <Container header={<Header variant="h2">Safety</Header>}>
            <SpaceBetween size="m">
              <Toggle
                checked={draft.readOnly}
                onChange={({ detail }) => update({ readOnly: detail.checked })}
                data-testid="settings-read-only"
              >
                Read-only mode (turns every action off)
              </Toggle>
              <FormField label="Ask before">
                {(['decline', 'disassociate', 'adminActions'] as const).map((key) => (
                  <Checkbox
                    key={key}
                    checked={draft.confirmations[key]}
                    onChange={({ detail }) =>
                      update({ confirmations: { ...draft.confirmations, [key]: detail.checked } })
                    }
                    data-testid={`settings-confirm-${key}`}
                  >
                    {
                      {
                        decline: 'Declining an invitation',
                        disassociate: 'Disassociating from an administrator',
                        adminActions: 'Administrator actions on members',
                      }[key]
                    }
                  </Checkbox>
                ))}
              </FormField>
            </SpaceBetween>
          </Container>
          {form.query.data && <TrustedSection list={form.query.data.trustedAdministrators} save={form.saveTrusted} />}
          <Container header={<Header variant="h2">Appearance</Header>}>
            <FormField label="Theme">
              <SegmentedControl
                selectedId={draft.theme}
                onChange={({ detail }) => update({ theme: detail.selectedId as Settings['theme'] })}
                label="Theme"
                options={[
                  { id: 'system', text: 'Follow the system' },
                  { id: 'light', text: 'Light' },
                  { id: 'dark', text: 'Dark' },
                ]}
              />
            </FormField>
          </Container>
          <PermissionsSection />
        </SpaceBetween>
      </Form>
    </form>
  );
}
