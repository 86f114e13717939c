import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { BulkResult, BulkRowResult, ServiceRow } from '../../../../contract/api';
import { UNTRUSTED } from '../../../../main/domain/trust';
import { accountNoteOf, useIsTrusted } from '../../components/AccountId';
import { ErrorDetail } from '../../components/ErrorDetail';
import { useFlash } from '../../components/flash';
import { listText } from '../../data/inbox';
import { queryKeys } from '../../data/keys';
import { useAccountNames, useSettings } from '../../data/queries';
import { rowKey } from '../../data/rows';
import { serviceLabel, useServices } from '../../data/services';
import { api } from '../../lib/api';
import { asAppError, call } from '../../lib/errors';
import { plural } from '../../lib/format';
import { READ_ONLY_REASON } from '../../lib/read-only';
import { visible } from '../../lib/visible';

type BulkAction = 'accept' | 'decline';

const STATUS_LOOK: Record<BulkRowResult['status'], StatusIndicatorProps.Type> = {
  done: 'success',
  skipped: 'info',
  refused: 'warning',
  failed: 'error',
};

/** The administrators with a pending invitation in the chosen rows, most rows first. */
export function administratorsOf(rows: readonly ServiceRow[]): { accountId: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const admin of new Set(row.pendingInvitations.map((i) => i.accountId))) {
      counts.set(admin, (counts.get(admin) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([accountId, n]) => ({ accountId, rows: n }))
    .sort((a, b) => b.rows - a.rows || a.accountId.localeCompare(b.accountId));
}

/**
 * Bulk accept / decline for the selected Overview rows: the user picks ONE administrator account;
 * only its invitations are answered. Progress comes as `bulk-progress` events; the result is a
 * table with one line per row.
 */
export function BulkActions({ rows, onDone }: { rows: ServiceRow[]; onDone(): void }) {
  const settings = useSettings().data;
  const [action, setAction] = useState<BulkAction | null>(null);
  const reason = settings?.readOnly ? READ_ONLY_REASON : rows.length === 0 ? 'Select rows first.' : undefined;
  const button = (a: BulkAction, label: string) => (
    <Button
      disabled={Boolean(reason)}
      disabledReason={reason}
      onClick={() => setAction(a)}
      data-testid={`bulk-${a}`}
      ariaLabel={`${label} in ${plural(rows.length, 'selected row')}`}
    >
      {label}
    </Button>
  );
  return (
    <>
      {button('accept', 'Accept from…')}
      {button('decline', 'Decline from…')}
      {action && (
        <BulkModal
          action={action}
          rows={rows}
          onClose={() => {
            setAction(null);
            onDone();
          }}
        />
      )}
    </>
  );
}

/**
 * The bulk answer's confirmation and run, for the rows chosen (the Overview's selection, or every
 * pending invitation of one administrator across services from the summary strip, which names it in
 * `administratorId`). An accept from an administrator outside the trusted list of any of the rows'
 * services says so, naming the account, and its button is the explicit "trust and accept".
 */
export function BulkModal({
  action,
  rows,
  administratorId,
  onClose,
}: {
  action: BulkAction;
  rows: ServiceRow[];
  administratorId?: string;
  onClose(): void;
}) {
  const client = useQueryClient();
  const flash = useFlash();
  const services = useServices();
  const isTrustedFor = useIsTrusted();
  const names = useAccountNames().data;
  const admins = useMemo(() => administratorsOf(rows), [rows]);
  const options: SelectProps.Option[] = admins.map((a) => {
    const note = accountNoteOf(names, a.accountId);
    return {
      value: a.accountId,
      label: a.accountId,
      // The account's name first: it matters most before answering for many rows.
      description: `${note ? `${visible(note)} · ` : ''}pending in ${plural(a.rows, administratorId ? 'row' : 'selected row')}`,
    };
  });
  const [chosen, setChosen] = useState<SelectProps.Option | null>(
    (administratorId ? options.find((o) => o.value === administratorId) : undefined) ??
      (options.length === 1 ? (options[0] ?? null) : null),
  );
  const chosenId = chosen?.value;
  // The services whose trusted list lacks the chosen administrator: accepting there trusts it first.
  const untrusted =
    action === 'accept' && chosenId
      ? [...new Set(rows.map((r) => r.service))].filter((service) => !isTrustedFor(service, chosenId))
      : [];
  const trustAdministrator = untrusted.length > 0;
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>({ done: 0, total: rows.length });
  const [result, setResult] = useState<BulkResult | null>(null);
  const verb = action === 'accept' ? 'Accept' : 'Decline';

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type === 'bulk-progress') setProgress({ done: event.done, total: event.total });
      }),
    [],
  );

  const run = async () => {
    const administratorId = chosen?.value;
    if (!administratorId) return;
    setRunning(true);
    setProgress({ done: 0, total: rows.length });
    try {
      const answer = await call(
        api().runBulk({
          action,
          administratorId,
          rows: rows.map((r) => ({ service: r.service, profile: r.profile, region: r.region })),
          ...(trustAdministrator ? { trustAdministrator: true } : {}),
        }),
      );
      // The administrator is on the trusted list now (main added it before accepting).
      if (trustAdministrator) void client.invalidateQueries({ queryKey: queryKeys.settings });
      setResult(answer);
      const bad = answer.results.some((r) => r.status === 'failed' || r.status === 'refused');
      flash.push({
        type: bad ? 'warning' : 'success',
        header: `${verb} from ${administratorId}`,
        content: answer.summary,
      });
      // Re-read the rows that changed so the Overview shows them.
      for (const r of answer.results.filter((x) => x.status === 'done')) {
        void api().startRefresh({ scope: { kind: 'row', service: r.service, profile: r.profile, region: r.region } });
      }
    } catch (error) {
      flash.push({
        type: 'error',
        header: `${verb} from ${administratorId} failed`,
        content: <ErrorDetail error={asAppError(error)} />,
      });
    } finally {
      setRunning(false);
      void client.invalidateQueries({ queryKey: queryKeys.activity });
    }
  };

  return (
    <Modal
      visible
      size="large"
      header={`${verb} invitations from one administrator`}
      onDismiss={() => !running && onClose()}
      data-testid="bulk-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" disabled={running} onClick={onClose}>
              {result ? 'Close' : 'Cancel'}
            </Button>
            {!result && (
              <Button
                variant="primary"
                disabled={!chosen}
                loading={running}
                onClick={() => void run()}
                data-testid="bulk-run"
              >
                {`${trustAdministrator ? 'Trust and accept' : verb} in ${plural(rows.length, 'row')}`}
              </Button>
            )}
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <FormField
          label="Administrator account"
          description={`Only invitations from this account are ${action === 'accept' ? 'accepted' : 'declined'}; rows without one are skipped and other administrators' invitations are left alone. An account reached by several profiles is answered once.`}
        >
          <Select
            selectedOption={chosen}
            onChange={({ detail }) => setChosen(detail.selectedOption)}
            options={options}
            placeholder={options.length ? 'Choose the administrator' : 'No pending invitations in the selected rows'}
            disabled={running || result !== null}
            data-testid="bulk-administrator"
          />
        </FormField>
        {trustAdministrator && chosenId && !result && (
          <Alert type="warning" header="An administrator you have not trusted" data-testid="bulk-untrusted">
            {trustQuestion(
              chosenId,
              accountNoteOf(names, chosenId),
              untrusted.map((s) => serviceLabel(services, s)),
              rows.length,
            )}
          </Alert>
        )}
        {(running || result) && (
          <ProgressBar
            value={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
            label="Progress"
            additionalInfo={`${progress.done} of ${progress.total} rows`}
            // A run with failed or refused rows must not look like a full success.
            status={
              !result
                ? 'in-progress'
                : result.results.some((r) => r.status === 'failed' || r.status === 'refused')
                  ? 'error'
                  : 'success'
            }
            resultText={result?.summary ?? ''}
            data-testid="bulk-progress"
          />
        )}
        {result && (
          <Table
            variant="embedded"
            items={result.results}
            trackBy={rowKey}
            data-testid="bulk-results"
            ariaLabels={{ tableLabel: 'Result per row' }}
            // Reasons and commands are the point of this table: let them wrap instead of cutting them off.
            wrapLines
            columnDefinitions={[
              { id: 'profile', header: 'Profile', cell: (r) => visible(r.profile), minWidth: 140 },
              { id: 'region', header: 'Region', cell: (r) => r.region, minWidth: 130 },
              { id: 'account', header: 'Account', cell: (r) => visible(r.accountId ?? '-'), minWidth: 130 },
              {
                id: 'status',
                header: 'Result',
                minWidth: 110,
                cell: (r) => <StatusIndicator type={STATUS_LOOK[r.status]}>{r.status}</StatusIndicator>,
              },
              {
                id: 'message',
                header: 'Message',
                cell: (r) => visible(r.error?.command ? `${r.message} Run: ${r.error.command}` : r.message),
              },
            ]}
          />
        )}
      </SpaceBetween>
    </Modal>
  );
}

/** The question before trusting an administrator in a bulk accept: the account named, and what accepting hands it. */
function trustQuestion(administratorId: string, note: string | null, services: string[], rows: number): string {
  const who = note ? `${administratorId} (${visible(note)})` : administratorId;
  return `The invitations are ${UNTRUSTED}: ${who}. Accepting in ${plural(rows, 'row')} hands those accounts' ${listText(services)} findings to it, and adds it to your trusted ${listText(services)} administrators.`;
}
