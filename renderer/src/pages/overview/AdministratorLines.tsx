import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useMemo, useState } from 'react';
import type { ServiceInfo, ServiceRow } from '../../../../contract/api';
import { AccountId, UntrustedMark, useIsTrusted } from '../../components/AccountId';
import {
  type AdministratorInvitations,
  groupDetails,
  invitationsByAdministrator,
  inviteesText,
  offerText,
} from '../../data/inbox';
import { useSettings } from '../../data/queries';
import { plural } from '../../lib/format';
import { visible } from '../../lib/visible';
import { BulkModal } from './BulkActions';

/** The administrators listed by name; more are counted (the table's pending toggle shows every row). */
const SHOWN = 5;

/**
 * "Who is inviting me to what": one line per administrator with pending invitations, across every
 * service read — its account (name, and the mark of one outside the trusted list), whom it invites,
 * to which services in which regions, and "Accept all": ONE bulk accept over every pending
 * invitation of that administrator, through the bulk answer's own confirmation. Read-only mode
 * offers no Accept all.
 */
export function AdministratorLines({
  rows,
  services,
}: {
  rows: readonly ServiceRow[];
  services: readonly ServiceInfo[];
}) {
  const readOnly = useSettings().data?.readOnly ?? false;
  const groups = useMemo(
    () =>
      invitationsByAdministrator(
        rows,
        services.map((s) => s.id),
      ),
    [rows, services],
  );
  const [accepting, setAccepting] = useState<AdministratorInvitations | null>(null);
  if (groups.length === 0) return null;
  const more = groups.length - SHOWN;
  return (
    <section aria-label="Pending invitations by administrator" data-testid="summary-by-administrator">
      <SpaceBetween size="xxs">
        {groups.slice(0, SHOWN).map((group) => (
          <Line
            key={group.administratorId}
            group={group}
            services={services}
            readOnly={readOnly}
            onAccept={() => setAccepting(group)}
          />
        ))}
        {more > 0 && (
          <Box variant="span" color="text-body-secondary" data-testid="summary-by-administrator-more">
            {`…and ${plural(more, 'more administrator')} with pending invitations`}
          </Box>
        )}
      </SpaceBetween>
      {accepting && (
        <BulkModal
          action="accept"
          rows={accepting.rows}
          administratorId={accepting.administratorId}
          onClose={() => setAccepting(null)}
        />
      )}
    </section>
  );
}

function Line({
  group,
  services,
  readOnly,
  onAccept,
}: {
  group: AdministratorInvitations;
  services: readonly ServiceInfo[];
  readOnly: boolean;
  onAccept(): void;
}) {
  const isTrustedFor = useIsTrusted();
  const admin = group.administratorId;
  const untrusted = group.perService.find((s) => !isTrustedFor(s.service, admin));
  const several = inviteesText(group);
  const one = group.invitees[0];
  const details = groupDetails(group, services);
  return (
    <div
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 8, rowGap: 2 }}
      data-testid={`summary-by-administrator-${admin}`}
    >
      <Box variant="span" data-testid={`summary-by-administrator-text-${admin}`}>
        <span title={details}>
          <Box variant="span" fontWeight="bold">
            <AccountId id={admin} />
          </Box>
          {untrusted && (
            <>
              {' '}
              <UntrustedMark service={untrusted.service} accountId={admin} />
            </>
          )}
          {' invites '}
          {several ?? (one?.accountId ? <AccountId id={one.accountId} /> : `profile ${visible(one?.profile ?? '')}`)}
          {` ${offerText(group, services)}${readOnly ? '' : ' —'}`}
        </span>
      </Box>
      {!readOnly && (
        <Button
          variant="inline-link"
          onClick={onAccept}
          ariaLabel={`Accept all ${plural(group.invitations, 'pending invitation')} from ${admin}`}
          data-testid={`summary-accept-all-${admin}`}
        >
          Accept all
        </Button>
      )}
    </div>
  );
}
