import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ProfileList } from '../../../../contract/api';
import type { ProfileSignIn, SessionSignIn } from '../../../../main/domain/sign-in-groups';
import { CopyableText } from '../../components/CopyButton';
import { ErrorDetail } from '../../components/ErrorDetail';
import { SsoSignInButton } from '../../components/SsoSignIn';
import { asAppError } from '../../lib/errors';
import { formatTime, plural } from '../../lib/format';
import { READ_ONLY_REASON } from '../../lib/read-only';
import { visible } from '../../lib/visible';
import { ConfigWarnings } from './ConfigWarnings';
import { EmptyProfiles } from './EmptyProfiles';
import type { OverviewItem } from './items';

/** The AWS profiles could not be read: nothing else on the page can work, so only this and Try again. */
export function ProfilesError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  return (
    <Alert
      type="error"
      header="Could not read your AWS profiles"
      action={<Button onClick={onRetry}>Try again</Button>}
      data-testid="profiles-error"
    >
      <ErrorDetail error={asAppError(error)} />
    </Alert>
  );
}

/** The profiles were read and there are none: the config problems found, then how to add a profile. */
export function NoProfiles({ profiles }: { profiles: ProfileList }) {
  return (
    <SpaceBetween size="m">
      <ConfigWarnings warnings={profiles.warnings} />
      <EmptyProfiles profiles={profiles} />
    </SpaceBetween>
  );
}

/** Read-only mode is on: said once above the table, as the disabled buttons say it too. */
export function ReadOnlyAlert() {
  return (
    <Alert type="info" data-testid="read-only-alert">
      {READ_ONLY_REASON}
    </Alert>
  );
}

/** The rows kept from the last session could not be loaded (the refresh reads them again). */
export function LastSessionError({ error }: { error: unknown }) {
  return (
    <Alert type="warning" header="The last session's results could not be loaded">
      <ErrorDetail error={asAppError(error)} />
    </Alert>
  );
}

/** How many rows come from the last session and the oldest of their times, or null when none do. */
export function staleSummary(items: readonly OverviewItem[]): { count: number; oldest: string | null } | null {
  const staleItems = items.filter((i) => i.stale);
  if (staleItems.length === 0) return null;
  const oldest = staleItems.reduce<string | null>((min, i) => (!min || i.fetchedAt < min ? i.fetchedAt : min), null);
  return { count: staleItems.length, oldest };
}

/** Rows shown from the last session are marked Stale until the refresh reads them again. */
export function StaleAlert({ count, oldest }: { count: number; oldest: string | null }) {
  return (
    <Alert type="info" data-testid="stale-alert">
      {`${plural(count, 'row')} ${count === 1 ? 'comes' : 'come'} from the last session (last refreshed ${formatTime(oldest)}) and ${count === 1 ? 'is' : 'are'} marked Stale until the refresh reads ${count === 1 ? 'it' : 'them'} again.`}
    </Alert>
  );
}

/**
 * One banner for the profiles with their own SSO settings (sso_start_url in the profile, no
 * sso-session): each keeps its own token, so each is signed in on its own. The first few have their
 * command and a Sign in button here; the others are counted, and their profile pages sign them in.
 */
export function ProfileSignInAlert({ profiles }: { profiles: readonly ProfileSignIn[] }) {
  if (profiles.length === 0) return null;
  const shown = profiles.slice(0, NAMED_PROFILES);
  const more = profiles.length - shown.length;
  const header =
    profiles.length === 1
      ? '1 profile with its own SSO settings needs sign-in'
      : `${plural(profiles.length, 'profile')} with their own SSO settings need sign-in, each on its own`;
  return (
    <Alert type="warning" header={header} data-testid="sign-in-profiles">
      <SpaceBetween size="s">
        {shown.map((p) => (
          <SpaceBetween key={p.profile} size="xxs">
            <strong>{visible(p.profile)}</strong>
            <SsoSignInButton target={{ profile: p.profile }} profileCount={1} />
            <CopyableText
              text={p.command}
              label={`Copy sign-in command for profile ${visible(p.profile)}`}
              testId={`copy-sign-in-profile-${p.profile}`}
            />
          </SpaceBetween>
        ))}
        {more > 0 && <span>{`${plural(more, 'more profile')}: each profile’s page has its Sign in button.`}</span>}
      </SpaceBetween>
    </Alert>
  );
}

/** How many of a session's profiles are named in its banner; the rest are counted. */
const NAMED_PROFILES = 5;

/**
 * One banner per SSO session whose profiles need sign-in, instead of one error per row: a single
 * `aws sso login --sso-session NAME` signs them all in again. The rows keep their own state.
 */
export function SessionSignInAlerts({ sessions }: { sessions: readonly SessionSignIn[] }) {
  if (sessions.length === 0) return null;
  return (
    <SpaceBetween size="s">
      {sessions.map((s) => {
        const named = s.profiles.slice(0, NAMED_PROFILES).map(visible).join(', ');
        const more = s.profiles.length - NAMED_PROFILES;
        return (
          <Alert key={s.ssoSession} type="warning" header={s.headline} data-testid={`sign-in-${s.ssoSession}`}>
            <SpaceBetween size="xs">
              <span data-testid={`session-sign-in-how-${s.ssoSession}`}>
                {`One sign-in renews every profile of the session (${named}${more > 0 ? ` and ${more} more` : ''}): here, or in a terminal with the AWS CLI v2.`}
              </span>
              <SsoSignInButton target={{ ssoSession: s.ssoSession }} profileCount={s.profiles.length} />
              <CopyableText
                text={s.command}
                label={`Copy sign-in command for sso-session ${visible(s.ssoSession)}`}
                testId={`copy-sign-in-${s.ssoSession}`}
              />
            </SpaceBetween>
          </Alert>
        );
      })}
    </SpaceBetween>
  );
}
