import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { CSSProperties, ReactNode } from 'react';

/** Between words; a word longer than the line still breaks rather than overflow. */
const WORDS: CSSProperties = { wordBreak: 'normal', overflowWrap: 'break-word' };

/**
 * A status whose text wraps between words in a narrow cell. Cloudscape's StatusIndicator wraps by
 * breaking anywhere ("Error: sign-in ne" / "eded"), and `wrapText={false}` cuts it instead.
 */
export function StatusText({ type, children }: { type: StatusIndicatorProps.Type; children: ReactNode }) {
  return (
    <StatusIndicator type={type}>
      <span style={WORDS}>{children}</span>
    </StatusIndicator>
  );
}
