import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { api } from '../lib/api';
import { asAppError, call } from '../lib/errors';
import { CopyableText } from './CopyButton';

/**
 * Opens a URL in the system browser through main, which only opens hosts on its allowlist. When it
 * refuses, the URL is shown so the user can copy it.
 */
export function ExternalLink({ url, children, label }: { url: string; children: string; label: string }) {
  const [refused, setRefused] = useState<string | null>(null);
  const open = async () => {
    try {
      const result = await call(api().openExternal({ url }));
      setRefused(result.opened ? null : (result.reason ?? 'The app does not open this address.'));
    } catch (error) {
      setRefused(asAppError(error).message);
    }
  };
  return (
    <SpaceBetween size="xxs">
      {/* The name never breaks inside a word ("Marketpl-ace"); a table column grows to fit it instead. */}
      <span style={{ whiteSpace: 'nowrap' }}>
        <Button variant="inline-link" iconName="external" iconAlign="right" ariaLabel={label} onClick={open}>
          {children}
        </Button>
      </span>
      {refused && (
        <span data-testid="link-refused">
          {refused} <CopyableText text={url} label={`Copy ${url}`} />
        </span>
      )}
    </SpaceBetween>
  );
}
