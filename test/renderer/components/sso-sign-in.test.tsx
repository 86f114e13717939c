import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignInProgress } from '../../../contract/api';
import { SsoSignInButton } from '../../../renderer/src/components/SsoSignIn';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const ID = 'sso-sign-in-session-corp';

function progress(extra: Partial<SignInProgress>): { type: 'sso-sign-in'; progress: SignInProgress } {
  return {
    type: 'sso-sign-in',
    progress: {
      signInId: 'sign-in-1',
      label: 'sso-session corp',
      ssoSession: 'corp',
      profile: null,
      profiles: ['a', 'b', 'c'],
      flow: 'device-code',
      state: 'waiting',
      userCode: 'ABCD-EFGH',
      verificationUri: 'https://d-1.awsapps.com/start/#/device?user_code=ABCD-EFGH',
      opened: true,
      expiresAt: '2026-12-03T12:10:00.000Z',
      error: null,
      ...extra,
    },
  };
}

describe('the Sign in button of an sso-session', () => {
  it('says how many profiles it unlocks, shows the code while waiting, and cancels', async () => {
    const fake = createFakeApi();
    renderWithApi(<SsoSignInButton target={{ ssoSession: 'corp' }} profileCount={3} />, { fake });
    expect(screen.getByTestId(`${ID}-start`).textContent).toBe('Sign in (3 profiles)');
    fireEvent.click(screen.getByTestId(`${ID}-device`));
    await waitFor(() =>
      expect(fake.callsOf('signInSso')).toEqual([{ target: { ssoSession: 'corp' }, flow: 'device-code' }]),
    );
    act(() => fake.emit(progress({})));
    expect((await screen.findByTestId(`${ID}-code`)).textContent).toBe('ABCD-EFGH');
    // Another session's progress is not ours.
    act(() => fake.emit(progress({ ssoSession: 'other', userCode: 'ZZZZ-ZZZZ' })));
    expect(screen.getByTestId(`${ID}-code`).textContent).toBe('ABCD-EFGH');
    fireEvent.click(screen.getByTestId(`${ID}-cancel`));
    await waitFor(() => expect(fake.callsOf('cancelSsoSignIn')).toEqual([{ signInId: 'sign-in-1' }]));
    act(() => fake.emit(progress({ state: 'cancelled' })));
    expect((await screen.findByTestId(ID)).textContent).toContain('Sign-in cancelled.');
  });

  it('browser flow: "continue in your browser", then signed in until …', async () => {
    const fake = createFakeApi();
    renderWithApi(<SsoSignInButton target={{ ssoSession: 'corp' }} profileCount={1} />, { fake });
    fireEvent.click(screen.getByTestId(`${ID}-start`));
    await waitFor(() => expect(fake.callsOf('signInSso')).toHaveLength(1));
    act(() => fake.emit(progress({ flow: 'browser', userCode: null, verificationUri: null })));
    expect((await screen.findByTestId(`${ID}-waiting`)).textContent).toContain('Continue in your browser');
    act(() => fake.emit(progress({ state: 'signed-in', expiresAt: '2026-12-03T20:00:00.000Z' })));
    expect((await screen.findByTestId(ID)).textContent).toContain('Signed in until');
  });
});
