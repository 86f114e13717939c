import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input, { type InputProps } from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useRef, useState } from 'react';
import type { AppEvent } from '../../../contract/api';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { formatTime } from '../lib/format';
import { visible } from '../lib/visible';

type Prompt = Extract<AppEvent, { type: 'mfa-prompt' }>;

/**
 * Asks for MFA codes when main needs one (`mfa-prompt` events), one prompt at a time, and closes
 * when main withdraws it (`mfa-prompt-closed`: answered elsewhere, timed out).
 */
export function MfaModal() {
  const [queue, setQueue] = useState<Prompt[]>([]);
  useEffect(
    () =>
      api().onEvent((event) => {
        if (event.type === 'mfa-prompt') setQueue((q) => [...q.filter((p) => p.promptId !== event.promptId), event]);
        if (event.type === 'mfa-prompt-closed') setQueue((q) => q.filter((p) => p.promptId !== event.promptId));
      }),
    [],
  );
  const prompt = queue[0];
  if (!prompt) return null;
  // Keyed by prompt so each prompt starts with an empty field.
  return (
    <MfaDialog
      key={prompt.promptId}
      prompt={prompt}
      onAnswered={() => setQueue((q) => q.filter((p) => p.promptId !== prompt.promptId))}
    />
  );
}

function MfaDialog({ prompt, onAnswered }: { prompt: Prompt; onAnswered(): void }) {
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = /^\d{6}$/.test(code);
  // The dialog's focus trap puts the focus on its first button (Close) when it opens; the user came to
  // type a code, so the field takes it. This effect runs after the trap's (parents' effects run after
  // their children's), which holds because the modal renders into body in the same pass (modalRoot)
  // instead of in a second pass after creating its own container.
  const input = useRef<InputProps.Ref>(null);
  useEffect(() => input.current?.focus(), []);
  const answer = async (answerCode: string | null) => {
    setSending(true);
    try {
      await call(api().answerMfa({ promptId: prompt.promptId, code: answerCode }));
      onAnswered();
    } catch (e) {
      setError(asAppError(e).message);
      setSending(false);
    }
  };

  return (
    <Modal
      visible
      modalRoot={document.body}
      header="MFA code needed"
      onDismiss={() => void answer(null)}
      data-testid="mfa-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={() => void answer(null)} disabled={sending} data-testid="mfa-cancel">
              Cancel
            </Button>
            <Button
              variant="primary"
              onClick={() => void answer(code)}
              disabled={!valid}
              loading={sending}
              data-testid="mfa-submit"
            >
              Submit
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !sending) void answer(code);
        }}
      >
        <SpaceBetween size="s">
          <span>
            Device <code>{prompt.serial}</code> is needed for {prompt.profiles.join(', ')}.
          </span>
          <Box variant="small" color="text-body-secondary">
            The request expires at {formatTime(prompt.expiresAt)}.
          </Box>
          <FormField
            label="6-digit code"
            errorText={error ?? (code && !valid ? 'Enter the 6 digits your device shows.' : undefined)}
          >
            <Input
              value={code}
              onChange={({ detail }) => setCode(detail.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              ref={input}
              ariaLabel={`MFA code for ${visible(prompt.serial)}`}
              data-testid="mfa-code"
            />
          </FormField>
        </SpaceBetween>
      </form>
    </Modal>
  );
}
