import Box from '@cloudscape-design/components/box';
import { Fragment } from 'react';
import { visible } from '../lib/visible';

/**
 * An ARN that wraps only between its parts (after ":" and "/"), never inside a region name or an
 * account id, so "ap-southeast-2" or "111111111111" are never split across lines. The full ARN is
 * the hover title.
 */
export function ArnText({ arn, small = false, testId }: { arn: string; small?: boolean; testId?: string }) {
  // "::" stays together: the empty part between the colons is not a useful break.
  const parts = visible(arn).split(/(?<=[:/])(?!:)/);
  return (
    <span title={visible(arn)} data-testid={testId}>
      <Box variant="code" fontSize={small ? 'body-s' : 'body-m'}>
        {parts.map((part, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string never reorder
          <Fragment key={index}>
            {index > 0 && <wbr />}
            <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
          </Fragment>
        ))}
      </Box>
    </span>
  );
}
