/**
 * The trusted administrators (main/domain/trust.ts): whose invitations are accepted without asking.
 * Each change is saved at once, apart from the form's Save (main records it in the activity log).
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import type { Settings } from '../../../../contract/api';
import { ACCOUNT_ID_PATTERN } from '../../../../main/domain/ids';
import { EVERY_SERVICE, type TrustedAdministrator, trustOriginText } from '../../../../main/domain/trust';
import { AccountId } from '../../components/AccountId';
import { serviceLabel, useServices } from '../../data/services';
import { formatTime } from '../../lib/format';

export function TrustedSection({
  list,
  save,
}: {
  list: Settings['trustedAdministrators'];
  save(list: TrustedAdministrator[]): Promise<void>;
}) {
  const services = useServices();
  const [account, setAccount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (next: TrustedAdministrator[]) => {
    setBusy(true);
    try {
      await save(next);
    } finally {
      setBusy(false);
    }
  };
  const add = () => {
    const id = account.trim();
    if (!ACCOUNT_ID_PATTERN.test(id)) return setError('An AWS account id: 12 digits.');
    setError(null);
    setAccount('');
    if (list.some((t) => t.accountId === id && t.service === EVERY_SERVICE)) return;
    void change([...list, { accountId: id, service: EVERY_SERVICE, origin: 'you', since: new Date().toISOString() }]);
  };
  return (
    <Container
      header={
        <Header
          variant="h2"
          counter={`(${list.length})`}
          description="Invitations from these accounts are accepted with one click; from any other, accepting asks first. Changes are saved at once."
        >
          Trusted administrators
        </Header>
      }
      data-testid="settings-trusted"
    >
      <SpaceBetween size="m">
        <Table
          variant="embedded"
          items={list}
          trackBy={(t) => `${t.accountId}/${t.service}`}
          empty={<Box color="text-body-secondary">No trusted administrators.</Box>}
          ariaLabels={{ tableLabel: 'Trusted administrators' }}
          columnDefinitions={[
            {
              id: 'account',
              header: 'Account',
              cell: (t) => <AccountId id={t.accountId} stacked />,
              isRowHeader: true,
            },
            {
              id: 'service',
              header: 'Service',
              cell: (t) => (t.service === EVERY_SERVICE ? 'Every service' : serviceLabel(services, t.service)),
            },
            { id: 'origin', header: 'Why', cell: (t) => trustOriginText(t.origin) },
            { id: 'since', header: 'Since', cell: (t) => formatTime(t.since) },
            {
              id: 'remove',
              header: 'Remove',
              cell: (t) => (
                <Button
                  formAction="none"
                  variant="inline-link"
                  disabled={busy}
                  ariaLabel={`Stop trusting ${t.accountId}`}
                  data-testid={`untrust-${t.accountId}|${t.service}`}
                  onClick={() => void change(list.filter((x) => x !== t))}
                >
                  Remove
                </Button>
              ),
            },
          ]}
        />
        <FormField label="Trust an administrator (every service)" errorText={error}>
          <SpaceBetween direction="horizontal" size="xs">
            <Input
              value={account}
              onChange={({ detail }) => setAccount(detail.value)}
              placeholder="111111111111"
              ariaLabel="Account id to trust"
              data-testid="trust-account"
            />
            <Button formAction="none" onClick={add} disabled={busy} data-testid="trust-add">
              Trust
            </Button>
          </SpaceBetween>
        </FormField>
      </SpaceBetween>
    </Container>
  );
}
