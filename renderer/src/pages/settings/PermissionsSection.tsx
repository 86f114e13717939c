/**
 * Settings → IAM permissions: the least-privilege policy for the services and use chosen here, as the
 * command line's `permissions` prints it (both come from main's one permissions table), with a copy
 * button. It changes no setting: nothing in it submits the settings form it sits in.
 */
import Box from '@cloudscape-design/components/box';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PERMISSION_USE_MEANING, PERMISSION_USES, type PermissionUse } from '../../../../main/domain/permissions';
import { CopyButton } from '../../components/CopyButton';
import { ErrorDetail } from '../../components/ErrorDetail';
import { useAppInfo } from '../../data/queries';
import { api } from '../../lib/api';
import { asAppError, call } from '../../lib/errors';

const USE_LABELS: Record<PermissionUse, string> = { read: 'Read', member: 'Member', administrator: 'Administrator' };

export function PermissionsSection() {
  const services = useAppInfo().data?.services ?? [];
  const [use, setUse] = useState<PermissionUse>('read');
  const [left, setLeft] = useState<string[]>([]);
  const [includeDeprecated, setIncludeDeprecated] = useState(false);
  const [accountNames, setAccountNames] = useState(true);
  const chosen = services.map((s) => s.id).filter((id) => !left.includes(id));
  const request = { use, services: chosen, includeDeprecated, accountNames };
  const policy = useQuery({
    queryKey: ['permissions-policy', request],
    queryFn: () => call(api().permissionsPolicy(request)),
    enabled: chosen.length > 0,
  });
  const text = policy.data ? JSON.stringify(policy.data.policy, null, 2) : '';
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="The least-privilege IAM policy for what this app does with a profile. The command line prints the same: permissions --use …"
        >
          IAM permissions
        </Header>
      }
      data-testid="permissions-section"
    >
      <SpaceBetween size="m">
        <FormField label="Use" description={PERMISSION_USE_MEANING[use]}>
          <SegmentedControl
            selectedId={use}
            onChange={({ detail }) => setUse(detail.selectedId as PermissionUse)}
            label="Use"
            options={PERMISSION_USES.map((id) => ({ id, text: USE_LABELS[id] }))}
            data-testid="permissions-use"
          />
        </FormField>
        <FormField label="Services">
          <SpaceBetween direction="horizontal" size="m">
            {services.map((s) => (
              <Checkbox
                key={s.id}
                checked={!left.includes(s.id)}
                onChange={({ detail }) =>
                  setLeft((list) => (detail.checked ? list.filter((id) => id !== s.id) : [...list, s.id]))
                }
                data-testid={`permissions-service-${s.id}`}
              >
                {s.name}
              </Checkbox>
            ))}
          </SpaceBetween>
        </FormField>
        <Checkbox
          checked={accountNames}
          onChange={({ detail }) => setAccountNames(detail.checked)}
          description="Optional: AWS Organizations and IAM alias reads that give accounts their names."
          data-testid="permissions-account-names"
        >
          Account names
        </Checkbox>
        <Checkbox
          checked={includeDeprecated}
          onChange={({ detail }) => setIncludeDeprecated(detail.checked)}
          description='The old "master" operation names, sent only where IAM denies the new ones.'
          data-testid="permissions-deprecated"
        >
          Deprecated names
        </Checkbox>
        {chosen.length === 0 && <Box color="text-status-inactive">Choose at least one service.</Box>}
        {policy.isError && <ErrorDetail error={asAppError(policy.error)} />}
        {policy.isPending && chosen.length > 0 && <Spinner />}
        {policy.data && (
          <SpaceBetween size="xs">
            <CopyButton text={text} label="Copy the policy" testId="permissions-copy" inForm />
            <Box variant="code">
              <pre data-testid="permissions-policy">{text}</pre>
            </Box>
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Container>
  );
}
