import { useSyncExternalStore } from 'react';
import { reloadWithNewVersion, subscribeToUpdate, updateWaiting } from './serviceWorker.ts';

/** Shown when a new version of the course was deployed while this page was open. */
export function UpdateNotice() {
  const waiting = useSyncExternalStore(subscribeToUpdate, updateWaiting, () => false);
  if (!waiting) return null;
  return (
    <div className="notice notice--update" role="status">
      <p>
        <strong>A new version of the course is available.</strong> Reload to use it; your progress is kept.
      </p>
      <button type="button" className="button button--small" onClick={reloadWithNewVersion}>
        Reload
      </button>
    </div>
  );
}
