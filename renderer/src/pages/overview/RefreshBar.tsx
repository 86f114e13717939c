import Button from '@cloudscape-design/components/button';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import { useRefresh } from '../../data/refresh';

/** The progress of a running refresh, with Cancel. */
export function RefreshBar() {
  const refresh = useRefresh();
  if (!refresh.running) return null;
  const percent = refresh.total > 0 ? Math.round((refresh.done / refresh.total) * 100) : 0;
  return (
    <div data-testid="refresh-progress">
      <ProgressBar
        value={percent}
        label="Refreshing"
        description={refresh.total > 0 ? `${refresh.done} of ${refresh.total} rows read` : 'Starting…'}
        ariaLabel="Refresh progress"
        additionalInfo={
          <Button
            variant="inline-link"
            onClick={() => void refresh.cancel()}
            disabled={!refresh.refreshId}
            data-testid="refresh-cancel"
            ariaLabel="Cancel refresh"
          >
            Cancel
          </Button>
        }
      />
    </div>
  );
}
