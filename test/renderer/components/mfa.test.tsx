import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MfaModal } from '../../../renderer/src/components/MfaModal';
import { createFakeApi } from '../support/fake-api';
import { renderWithApi } from '../support/render';

const prompt = (promptId: string, serial: string, profiles: string[]) => ({
  type: 'mfa-prompt' as const,
  promptId,
  serial,
  profiles,
  expiresAt: '2026-11-25T12:00:00.000Z',
});

describe('MFA prompt', () => {
  it('answers with the 6-digit code, then shows the next prompt', async () => {
    const fake = createFakeApi();
    renderWithApi(<MfaModal />, { fake });
    await waitFor(() => expect(fake.listenerCount()).toBeGreaterThan(0));
    act(() => {
      fake.emit(prompt('p1', 'arn:aws:iam::111111111111:mfa/alice', ['mfa-audit', 'mfa-other']));
      fake.emit(prompt('p2', 'arn:aws:iam::111111111111:mfa/bob', ['bob-role']));
    });
    const modal = await screen.findByTestId('mfa-modal');
    expect(modal.textContent).toContain('arn:aws:iam::111111111111:mfa/alice');
    expect(modal.textContent).toContain('mfa-audit, mfa-other');
    const submit = screen.getByTestId('mfa-submit');
    const code = within(screen.getByTestId('mfa-code')).getByRole('textbox');
    fireEvent.change(code, { target: { value: '12a3' } });
    expect(submit.hasAttribute('disabled')).toBe(true);
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('mfa-submit'));
    await waitFor(() => expect(fake.callsOf('answerMfa')).toEqual([{ promptId: 'p1', code: '123456' }]));
    await waitFor(() => expect(screen.getByTestId('mfa-modal').textContent).toContain('mfa/bob'));
    expect((within(screen.getByTestId('mfa-code')).getByRole('textbox') as HTMLInputElement).value).toBe('');
  });

  it('cancels with a null code', async () => {
    const fake = createFakeApi();
    renderWithApi(<MfaModal />, { fake });
    await waitFor(() => expect(fake.listenerCount()).toBeGreaterThan(0));
    act(() => fake.emit(prompt('p1', 'arn:aws:iam::111111111111:mfa/alice', ['mfa-audit'])));
    fireEvent.click(await screen.findByTestId('mfa-cancel'));
    await waitFor(() => expect(fake.callsOf('answerMfa')).toEqual([{ promptId: 'p1', code: null }]));
    await waitFor(() => expect(screen.queryByTestId('mfa-modal')).toBeNull());
  });

  it('closes when main withdraws the prompt', async () => {
    const fake = createFakeApi();
    renderWithApi(<MfaModal />, { fake });
    await waitFor(() => expect(fake.listenerCount()).toBeGreaterThan(0));
    act(() => fake.emit(prompt('p1', 'arn:aws:iam::111111111111:mfa/alice', ['mfa-audit'])));
    await screen.findByTestId('mfa-modal');
    act(() => fake.emit({ type: 'mfa-prompt-closed', promptId: 'p1' }));
    await waitFor(() => expect(screen.queryByTestId('mfa-modal')).toBeNull());
    expect(fake.callsOf('answerMfa')).toHaveLength(0);
  });
});
