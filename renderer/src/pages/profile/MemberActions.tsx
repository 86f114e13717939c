import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import { useState } from 'react';
import type { MembersCsvImport, ServiceRow } from '../../../../contract/api';
import { ConfirmModal } from '../../components/ConfirmModal';
import {
  MEMBER_ACTION_LABELS,
  type MemberAction,
  parseAccountLines,
  useMemberActions,
} from '../../data/member-actions';
import { useSettings } from '../../data/queries';
import { useServices } from '../../data/services';
import { api } from '../../lib/api';
import { asAppError, call } from '../../lib/errors';
import { count } from '../../lib/format';
import { READ_ONLY_REASON } from '../../lib/read-only';
import { visible } from '../../lib/visible';

/** Add, invite, disassociate, delete members and withdraw invitations, for the selected accounts. */
export function MemberActions({ row, selected, onDone }: { row: ServiceRow; selected: string[]; onDone(): void }) {
  const settings = useSettings().data;
  const { busy, run, create } = useMemberActions(row);
  const services = useServices();
  const [confirming, setConfirming] = useState<MemberAction | null>(null);
  const [adding, setAdding] = useState(false);
  const reason = settings?.readOnly ? READ_ONLY_REASON : undefined;
  const confirm = settings?.confirmations.adminActions ?? true;

  const start = (action: MemberAction) => {
    if (confirm) setConfirming(action);
    else void run(action, selected).then(onDone);
  };
  const button = (action: MemberAction) => (
    <Button
      key={action}
      disabled={Boolean(reason) || selected.length === 0 || busy !== null}
      disabledReason={reason ?? (selected.length === 0 ? 'Select member accounts first.' : undefined)}
      loading={busy === action}
      onClick={() => start(action)}
      ariaLabel={`${MEMBER_ACTION_LABELS[action].button} ${selected.length} selected member(s) of ${visible(row.profile)} in ${row.region}`}
      data-testid={`members-${action}-${row.region}`}
    >
      {MEMBER_ACTION_LABELS[action].button}
    </Button>
  );

  return (
    <SpaceBetween direction="horizontal" size="xs">
      {(['invite', 'withdraw', 'disassociate', 'delete'] as const).map(button)}
      <Button
        disabled={Boolean(reason) || busy !== null}
        disabledReason={reason}
        loading={busy === 'create'}
        onClick={() => setAdding(true)}
        data-testid={`members-add-${row.region}`}
      >
        Add members
      </Button>
      {confirming && (
        <ConfirmModal
          title={MEMBER_ACTION_LABELS[confirming].title}
          confirmLabel={MEMBER_ACTION_LABELS[confirming].button}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const action = confirming;
            setConfirming(null);
            void run(action, selected).then(onDone);
          }}
        >
          {`Administrator ${visible(row.accountId ?? row.profile)} (profile ${visible(row.profile)}) will ${MEMBER_ACTION_LABELS[confirming].verb} ${selected.map(visible).join(', ')} in ${row.region}.`}
        </ConfirmModal>
      )}
      {adding && (
        <AddMembersModal
          organizationEnrolment={services.find((x) => x.id === row.service)?.organizationEnrolment ?? null}
          onCancel={() => setAdding(false)}
          onAdd={(accounts) => create(accounts).then((ok) => ok && setAdding(false))}
        />
      )}
    </SpaceBetween>
  );
}

/** Lines of a CSV import listed in the window; main lists up to 100 and counts the rest. */
const SHOWN_ERRORS = 20;
const unlisted = (imported: MembersCsvImport) =>
  Math.max(0, imported.errors.length - SHOWN_ERRORS) + imported.moreErrors;

function AddMembersModal(props: {
  /** What adding does to the organization's own accounts (the service's words), said before the write. */
  organizationEnrolment: string | null;
  onCancel(): void;
  onAdd(accounts: { accountId: string; email?: string }[]): Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<MembersCsvImport | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const parsed = parseAccountLines(text);
  // The file is chosen and read in main (an open-file dialog); the accounts land in the text box.
  const importCsv = async () => {
    setImporting(true);
    setImportError(null);
    try {
      const result = await call(api().importMembersCsv());
      if (!result.path) return;
      setImported(result);
      const lines = result.accounts.map((a) => (a.email ? `${a.accountId},${a.email}` : a.accountId));
      setText((current) => [current.trim(), ...lines].filter(Boolean).join('\n'));
    } catch (error) {
      setImportError(asAppError(error).message);
    } finally {
      setImporting(false);
    }
  };
  const error = parsed.bad.length
    ? `Not an account id (and optional email): ${parsed.bad.slice(0, 3).join(' | ')}`
    : parsed.accounts.length > 1000
      ? 'At most 1,000 accounts at a time.'
      : undefined;
  return (
    <Modal
      visible
      header="Add member accounts"
      onDismiss={props.onCancel}
      data-testid="add-members-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              iconName="upload"
              loading={importing}
              onClick={() => void importCsv()}
              data-testid="add-members-import"
            >
              Import CSV
            </Button>
            <Button variant="link" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button
              variant="primary"
              disabled={Boolean(error) || parsed.accounts.length === 0}
              onClick={() => void props.onAdd(parsed.accounts)}
              data-testid="add-members-submit"
            >
              {`Add ${parsed.accounts.length}`}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="s">
        {props.organizationEnrolment && (
          <Alert type="warning" header="Accounts of your organization" data-testid="add-members-organization">
            {props.organizationEnrolment}
          </Alert>
        )}
        <FormField
          label="Accounts to add"
          description="One per line: a 12-digit account id, optionally followed by a comma and the account's email. Or import the console's CSV (header Account ID,Email). Invite them afterwards."
          errorText={error}
        >
          <Textarea value={text} onChange={({ detail }) => setText(detail.value)} rows={6} />
        </FormField>
        {importError && (
          <Alert type="error" data-testid="add-members-import-error">
            {importError}
          </Alert>
        )}
        {imported && (
          <Alert
            type={imported.errors.length ? 'warning' : 'success'}
            header={`${imported.accounts.length} account(s) read from ${imported.path}`}
            data-testid="add-members-import-result"
          >
            {imported.errors.length > 0 && (
              <ul>
                {imported.errors.slice(0, SHOWN_ERRORS).map((e) => (
                  <li key={e.line}>{`Line ${e.line}: ${visible(e.message)}`}</li>
                ))}
                {unlisted(imported) > 0 && <li>{`…and ${count(unlisted(imported))} more lines.`}</li>}
              </ul>
            )}
          </Alert>
        )}
      </SpaceBetween>
    </Modal>
  );
}
