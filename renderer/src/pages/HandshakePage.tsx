import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Multiselect, { type MultiselectProps } from '@cloudscape-design/components/multiselect';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { HandshakeResult, HandshakeStep } from '../../../contract/api';
import { ErrorDetail } from '../components/ErrorDetail';
import { useFlash } from '../components/flash';
import { queryKeys } from '../data/keys';
import { useProfiles, useSettings } from '../data/queries';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { READ_ONLY_REASON } from '../lib/read-only';
import { visible } from '../lib/visible';

const STEP_LABEL: Record<HandshakeStep['step'], string> = {
  create: 'Add as member (administrator)',
  invite: 'Invite (administrator)',
  accept: 'Accept (member)',
};
const STATUS_LOOK: Record<HandshakeStep['status'], StatusIndicatorProps.Type> = {
  done: 'success',
  skipped: 'info',
  failed: 'error',
  'not-run': 'stopped',
};

/**
 * The handshake between two local profiles: the administrator's profile adds and invites the member,
 * the member's profile accepts, in the chosen regions. Steps stream in as they happen; running it
 * again resumes (what is done already is skipped).
 */
export function HandshakePage() {
  const profiles = useProfiles().data?.profiles ?? [];
  const settings = useSettings().data;
  const client = useQueryClient();
  const flash = useFlash();
  const options: SelectProps.Option[] = profiles.filter((p) => p.usable).map((p) => ({ value: p.name, label: p.name }));
  const [admin, setAdmin] = useState<SelectProps.Option | null>(null);
  const [member, setMember] = useState<SelectProps.Option | null>(null);
  const regionOptions = useMemo<MultiselectProps.Option[]>(
    () => (settings?.defaultRegions ?? []).map((r) => ({ value: r, label: r })),
    [settings?.defaultRegions],
  );
  const [regions, setRegions] = useState<readonly MultiselectProps.Option[]>([]);
  const [running, setRunning] = useState(false);
  const [steps, setSteps] = useState<HandshakeStep[]>([]);
  const [result, setResult] = useState<HandshakeResult | null>(null);

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type === 'handshake-progress') setSteps((list) => [...list, event.step]);
      }),
    [],
  );

  const sameProfile = admin && member && admin.value === member.value;
  const reason = settings?.readOnly
    ? READ_ONLY_REASON
    : !admin || !member || regions.length === 0
      ? 'Choose both profiles and at least one region.'
      : sameProfile
        ? 'Choose two different profiles.'
        : undefined;

  const run = async () => {
    if (!admin?.value || !member?.value) return;
    setRunning(true);
    setSteps([]);
    setResult(null);
    try {
      const answer = await call(
        api().runHandshake({
          administratorProfile: admin.value,
          memberProfile: member.value,
          regions: regions.map((r) => r.value as string),
        }),
      );
      setResult(answer);
      setSteps(answer.steps);
      const failed = answer.steps.find((s) => s.status === 'failed');
      flash.push(
        failed
          ? {
              type: 'warning',
              header: 'The handshake stopped',
              content: `${failed.region}, ${STEP_LABEL[failed.step]}: ${failed.message}`,
            }
          : {
              type: 'success',
              header: 'Handshake complete',
              content: `${answer.memberAccountId} is a member of ${answer.administratorAccountId}.`,
            },
      );
      for (const region of new Set(answer.steps.filter((s) => s.status === 'done').map((s) => s.region))) {
        for (const profile of [admin.value, member.value]) {
          void api().startRefresh({ scope: { kind: 'row', profile, region } });
        }
      }
    } catch (error) {
      flash.push({
        type: 'error',
        header: 'The handshake did not run',
        content: <ErrorDetail error={asAppError(error)} />,
      });
    } finally {
      setRunning(false);
      void client.invalidateQueries({ queryKey: queryKeys.activity });
    }
  };

  return (
    <SpaceBetween size="m">
      <Header
        variant="h1"
        description="When both the administrator's and the member's profiles are on this workstation: invite from one, accept from the other. Steps already done are skipped, so running it again resumes after a failure."
      >
        Invite and accept
      </Header>
      <Container>
        <Form
          actions={
            <Button
              variant="primary"
              disabled={Boolean(reason)}
              disabledReason={reason}
              loading={running}
              onClick={() => void run()}
              data-testid="handshake-run"
            >
              Run
            </Button>
          }
        >
          <SpaceBetween size="m">
            <FormField label="Administrator profile" description="Adds the member and sends the invitation.">
              <Select
                selectedOption={admin}
                onChange={({ detail }) => setAdmin(detail.selectedOption)}
                options={options}
                placeholder="Choose a profile"
                filteringType="auto"
                data-testid="handshake-administrator"
              />
            </FormField>
            <FormField label="Member profile" description="Finds the invitation and accepts it.">
              <Select
                selectedOption={member}
                onChange={({ detail }) => setMember(detail.selectedOption)}
                options={options}
                placeholder="Choose a profile"
                filteringType="auto"
                data-testid="handshake-member"
              />
            </FormField>
            <FormField label="Regions">
              <Multiselect
                selectedOptions={regions}
                onChange={({ detail }) => setRegions(detail.selectedOptions)}
                options={regionOptions}
                placeholder="Choose regions"
                data-testid="handshake-regions"
              />
            </FormField>
          </SpaceBetween>
        </Form>
      </Container>
      {result?.steps.some((s) => s.status === 'failed') && (
        <Alert type="warning" data-testid="handshake-stopped">
          Stopped at the first failure; nothing after it was tried. Fix the cause and run again: the steps already done
          are skipped.
        </Alert>
      )}
      {(running || steps.length > 0) && (
        <Table
          items={steps}
          loading={running && steps.length === 0}
          loadingText="Reading both sides"
          trackBy={(s) => `${s.region}|${s.step}`}
          header={<Header variant="h2">Steps</Header>}
          ariaLabels={{ tableLabel: 'Handshake steps' }}
          data-testid="handshake-steps"
          columnDefinitions={[
            { id: 'region', header: 'Region', cell: (s) => s.region },
            { id: 'step', header: 'Step', cell: (s) => STEP_LABEL[s.step] },
            {
              id: 'status',
              header: 'Result',
              cell: (s) => <StatusIndicator type={STATUS_LOOK[s.status]}>{s.status}</StatusIndicator>,
            },
            {
              id: 'message',
              header: 'Message',
              cell: (s) => visible(s.error?.remediation ? `${s.message} ${s.error.remediation}` : s.message),
            },
          ]}
        />
      )}
    </SpaceBetween>
  );
}
