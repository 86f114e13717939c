import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AppError } from '../../../contract/api';
import { visible } from '../lib/visible';
import { CopyableText } from './CopyButton';

/** An AppError as a person reads it: the sentence, what to do, and the command to copy. */
export function ErrorDetail({ error }: { error: AppError }) {
  return (
    <SpaceBetween size="xs">
      <span data-testid="error-message">{visible(error.message)}</span>
      {error.remediation && <span data-testid="error-remediation">{visible(error.remediation)}</span>}
      {error.command && (
        <CopyableText text={error.command} label={`Copy command ${error.command}`} testId="copy-command" />
      )}
      {error.requestId && (
        <Box variant="small" color="text-body-secondary">
          Request id {visible(error.requestId)}
        </Box>
      )}
    </SpaceBetween>
  );
}
