import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { api } from '../../lib/api';
import { asAppError, call } from '../../lib/errors';

/**
 * Asks again, now, in the opt-in regions an account had not enabled and the regions an organization
 * policy blocked (otherwise asked once a day): for the user who has just enabled one, or whose
 * organization has just allowed one.
 */
export function RecheckRegions() {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const recheck = async () => {
    setBusy(true);
    try {
      const out = await call(api().recheckRegions({}));
      setSaid(
        out.forgotten === 0
          ? 'No region is waiting for a re-check.'
          : `Asking again in ${out.forgotten} account-region${out.forgotten === 1 ? '' : 's'}.`,
      );
    } catch (error) {
      setSaid(asAppError(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <SpaceBetween direction="horizontal" size="s" alignItems="center">
      <Button onClick={() => void recheck()} loading={busy} data-testid="recheck-regions">
        Re-check regions
      </Button>
      {said && (
        <Box variant="small" data-testid="recheck-regions-result">
          {said}
        </Box>
      )}
    </SpaceBetween>
  );
}
