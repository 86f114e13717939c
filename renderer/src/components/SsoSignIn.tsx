/**
 * Signing in to IAM Identity Center where the failure is shown: a "Sign in" button per SSO session
 * (or legacy SSO profile) saying how many profiles it unlocks, then the waiting state — "continue in
 * your browser", or the device flow's code — with Cancel. On success the backend refreshes the
 * unlocked rows itself. Only the session name, the code and the expiry reach this component.
 */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { SignInProgress, SignInStatus } from '../../../contract/api';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { formatTime, plural } from '../lib/format';
import { CopyableText } from './CopyButton';
import { ErrorDetail } from './ErrorDetail';

type Target = { ssoSession: string } | { profile: string };
type Flow = 'browser' | 'device-code';

const SSO_STATUS_KEY = ['sso-status'] as const;
const keyOf = (t: Target) => ('ssoSession' in t ? `session-${t.ssoSession}` : `profile-${t.profile}`);
/** A profile's sign-in may be its session's (sso_session) or its own (legacy settings). */
const matches = (t: Target, p: SignInProgress) =>
  'ssoSession' in t ? p.ssoSession === t.ssoSession : p.profile === t.profile || p.profiles.includes(t.profile);

export function SsoSignInButton({ target, profileCount }: { target: Target; profileCount: number }) {
  const [progress, setProgress] = useState<SignInProgress | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const signInId = useRef<string | null>(null);
  const queryClient = useQueryClient();
  const testId = `sso-sign-in-${keyOf(target)}`;

  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type !== 'sso-sign-in' || !matches(target, event.progress)) return;
        if (signInId.current !== null && event.progress.signInId !== signInId.current) return;
        setProgress(event.progress);
        if (event.progress.state === 'signed-in') void queryClient.invalidateQueries({ queryKey: SSO_STATUS_KEY });
      }),
    [target, queryClient],
  );

  const start = async (flow: Flow) => {
    setStartError(null);
    setProgress(null);
    signInId.current = null;
    try {
      const started = await call(api().signInSso({ target, flow }));
      signInId.current = started.signInId;
    } catch (error) {
      setStartError(error);
    }
  };
  const cancel = () => {
    if (signInId.current) void api().cancelSsoSignIn({ signInId: signInId.current });
  };

  const waiting = progress !== null && (progress.state === 'starting' || progress.state === 'waiting');
  if (waiting) return <Waiting progress={progress} onCancel={cancel} testId={testId} />;
  return (
    <SpaceBetween size="xs" data-testid={testId}>
      {progress?.state === 'signed-in' ? (
        <StatusIndicator type="success">{`Signed in until ${formatTime(progress.expiresAt)}. Reading the rows again…`}</StatusIndicator>
      ) : null}
      {progress?.state === 'failed' && progress.error ? <ErrorDetail error={progress.error} /> : null}
      {progress?.state === 'cancelled' ? <StatusIndicator type="stopped">Sign-in cancelled.</StatusIndicator> : null}
      {startError ? <ErrorDetail error={asAppError(startError)} /> : null}
      {progress?.state === 'signed-in' ? null : (
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="primary" onClick={() => void start('browser')} data-testid={`${testId}-start`}>
            {`Sign in (${plural(profileCount, 'profile')})`}
          </Button>
          <Button variant="link" onClick={() => void start('device-code')} data-testid={`${testId}-device`}>
            Use a code instead
          </Button>
        </SpaceBetween>
      )}
    </SpaceBetween>
  );
}

function Waiting({ progress, onCancel, testId }: { progress: SignInProgress; onCancel(): void; testId: string }) {
  return (
    <SpaceBetween size="xs" data-testid={`${testId}-waiting`}>
      {progress.flow === 'device-code' && progress.userCode ? (
        <>
          <Box>
            {progress.opened
              ? 'Confirm this code on the sign-in page in your browser:'
              : 'Open the sign-in page and confirm this code:'}
          </Box>
          <Box variant="h2" data-testid={`${testId}-code`}>
            {progress.userCode}
          </Box>
          {progress.verificationUri ? (
            <CopyableText text={progress.verificationUri} label="Copy the sign-in page link" />
          ) : null}
          {progress.expiresAt ? (
            <Box color="text-body-secondary">{`The code expires at ${formatTime(progress.expiresAt)}.`}</Box>
          ) : null}
        </>
      ) : (
        <>
          <StatusIndicator type="loading">{`Continue in your browser to sign in to ${progress.label}…`}</StatusIndicator>
          {progress.state === 'waiting' && !progress.opened && progress.verificationUri ? (
            <CopyableText text={progress.verificationUri} label="Copy the sign-in link to open it in your browser" />
          ) : null}
        </>
      )}
      <Button onClick={onCancel} data-testid={`${testId}-cancel`}>
        Cancel
      </Button>
    </SpaceBetween>
  );
}

/** "Signed in until …" for an SSO profile (the profile page), or its Sign in button. */
export function SsoSignedInUntil({ profile }: { profile: string }) {
  const status = useQuery({ queryKey: SSO_STATUS_KEY, queryFn: () => call(api().ssoStatus()) });
  const mine: SignInStatus | undefined = status.data?.find((s) => s.profiles.includes(profile));
  if (!mine) return <>-</>;
  if (mine.signedInUntil) {
    return <span data-testid="sso-signed-in-until">{`Signed in until ${formatTime(mine.signedInUntil)}`}</span>;
  }
  // Legacy profiles have no banner of their own (#12 groups by session): sign in from here.
  return (
    <SpaceBetween size="xs">
      <span data-testid="sso-signed-in-until">{`Not signed in (${mine.label})`}</span>
      <SsoSignInButton target={{ profile }} profileCount={mine.profiles.length} />
    </SpaceBetween>
  );
}
