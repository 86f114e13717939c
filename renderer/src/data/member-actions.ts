import { useQueryClient } from '@tanstack/react-query';
import { createElement, useCallback, useState } from 'react';
import type { BatchOutcome, Result, ServiceRow, UnprocessedAccount } from '../../../contract/api';
import { ACCOUNT_ID_PATTERN } from '../../../main/domain/ids';
import { ErrorDetail } from '../components/ErrorDetail';
import { useFlash } from '../components/flash';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { visible } from '../lib/visible';
import { queryKeys } from './keys';
import { putRows } from './rows';

export type MemberAction = 'invite' | 'disassociate' | 'delete' | 'withdraw';

export const MEMBER_ACTION_LABELS: Record<MemberAction, { button: string; title: string; verb: string }> = {
  invite: { button: 'Invite', title: 'Invite member accounts?', verb: 'invite' },
  disassociate: { button: 'Disassociate', title: 'Disassociate member accounts?', verb: 'disassociate' },
  delete: { button: 'Delete', title: 'Delete member accounts?', verb: 'delete' },
  withdraw: { button: 'Withdraw invitation', title: 'Withdraw invitations?', verb: 'withdraw the invitations of' },
};

/**
 * The accounts a batch left: those AWS did not process, with its reason each, and those the app never
 * sent (an earlier call was refused or its answer lost), named once with why. AWS's words are escaped.
 */
export function leftOver(unprocessed: readonly UnprocessedAccount[]): string {
  const refused = unprocessed.filter((u) => !u.notSent);
  const unsent = unprocessed.filter((u) => u.notSent);
  return [
    refused.length ? `Not processed: ${refused.map((u) => `${u.accountId}: ${visible(u.reason)}`).join('; ')}` : '',
    unsent.length
      ? `Not sent: ${unsent.map((u) => u.accountId).join(', ')} (${unsent[0]?.reason.replace(/^Not sent: /, '') ?? ''})`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Administrator actions on member accounts of one row: each call's BatchOutcome updates the row,
 * and accounts AWS did not process are listed with AWS's reason.
 */
export function useMemberActions(row: ServiceRow) {
  const client = useQueryClient();
  const flash = useFlash();
  const [busy, setBusy] = useState<MemberAction | 'create' | null>(null);

  const finish = useCallback(
    async (action: MemberAction | 'create', send: () => Promise<Result<BatchOutcome>>): Promise<boolean> => {
      setBusy(action);
      try {
        const outcome = await call(send());
        if (outcome.row) putRows(client, [outcome.row]);
        flash.push({
          type: outcome.unprocessed.length ? 'warning' : 'success',
          header: outcome.message,
          content: outcome.unprocessed.length ? leftOver(outcome.unprocessed) : undefined,
        });
        return true;
      } catch (error) {
        flash.push({
          type: 'error',
          header: 'The action failed',
          content: createElement(ErrorDetail, { error: asAppError(error) }),
        });
        return false;
      } finally {
        setBusy(null);
        void client.invalidateQueries({ queryKey: ['members', row.service, row.profile, row.region] });
        void client.invalidateQueries({ queryKey: queryKeys.activity });
      }
    },
    [client, flash, row.service, row.profile, row.region],
  );

  const run = useCallback(
    (action: MemberAction, accountIds: string[]) => {
      const where = { service: row.service, profile: row.profile, region: row.region, accountIds };
      const send = {
        invite: () => api().inviteMembers(where),
        disassociate: () => api().disassociateMembers(where),
        delete: () => api().deleteMembers(where),
        withdraw: () => api().deleteInvitations(where),
      }[action];
      return finish(action, send);
    },
    [finish, row.service, row.profile, row.region],
  );

  const create = useCallback(
    (accounts: { accountId: string; email?: string }[]) =>
      finish('create', () =>
        api().createMembers({ service: row.service, profile: row.profile, region: row.region, accounts }),
      ),
    [finish, row.service, row.profile, row.region],
  );

  return { busy, run, create };
}

/** Parses "123456789012" or "123456789012, someone@example.com" lines; returns the bad lines too. */
export function parseAccountLines(text: string): { accounts: { accountId: string; email?: string }[]; bad: string[] } {
  const accounts: { accountId: string; email?: string }[] = [];
  const bad: string[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [id = '', email] = line.split(/[,;\s]+/, 2);
    if (!ACCOUNT_ID_PATTERN.test(id) || (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email))) bad.push(line);
    else accounts.push(email ? { accountId: id, email } : { accountId: id });
  }
  return { accounts, bad };
}
