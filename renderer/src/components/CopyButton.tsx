import Button from '@cloudscape-design/components/button';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useState } from 'react';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';

/**
 * Copies through main's clipboard (window.api.copyText): the page holds no clipboard permission,
 * so Cloudscape's CopyToClipboard (navigator.clipboard) cannot be used.
 */
export function CopyButton({
  text,
  label,
  testId,
  inForm = false,
}: {
  text: string;
  label: string;
  testId?: string;
  /** Inside a form (Settings): the button copies and never submits it. */
  inForm?: boolean;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const copy = async () => {
    try {
      await call(api().copyText({ text }));
      setState('copied');
    } catch (error) {
      setFailure(asAppError(error).message);
      setState('failed');
    }
  };
  return (
    <span>
      <Button
        variant="inline-icon"
        iconName="copy"
        ariaLabel={label}
        onClick={copy}
        data-testid={testId}
        {...(inForm ? { formAction: 'none' as const } : {})}
      />
      {state === 'copied' && <StatusIndicator type="success">Copied</StatusIndicator>}
      {state === 'failed' && <StatusIndicator type="error">{`Not copied: ${failure}`}</StatusIndicator>}
    </span>
  );
}

/** A command or URL shown as code with a copy button next to it. */
export function CopyableText({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <span>
      <code>{text}</code> <CopyButton text={text} label={label} {...(testId ? { testId } : {})} />
    </span>
  );
}
