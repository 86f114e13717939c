import Alert from '@cloudscape-design/components/alert';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import type { ConfigWarning } from '../../../../contract/api';
import { plural } from '../../lib/format';
import { visible } from '../../lib/visible';

/** Problems found while reading the AWS config files, folded away until asked for. */
export function ConfigWarnings({ warnings }: { warnings: ConfigWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert type="warning" data-testid="config-warnings">
      <ExpandableSection headerText={`${plural(warnings.length, 'problem')} in your AWS config files`}>
        <ul>
          {warnings.map((w) => (
            <li key={`${w.file}:${w.line}:${w.message}`}>
              <code>{`${visible(w.file)}:${w.line}`}</code> {visible(w.message)}
            </li>
          ))}
        </ul>
      </ExpandableSection>
    </Alert>
  );
}
