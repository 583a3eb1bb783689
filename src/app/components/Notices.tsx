import type { ReactNode } from 'react';
import { courseStore, useCourse } from '../../store/index.ts';
import type { NoticeId } from '../../store/sessionSlice.ts';
import { UpdateNotice } from '../offline/UpdateNotice.tsx';
import { downloadFile } from '../downloadFile';

/** Messages about the whole course: instructor preview, and progress that could not be read or saved. */
export function Notices() {
  const previewMode = useCourse((state) => state.previewMode);
  const setPreviewMode = useCourse((state) => state.setPreviewMode);
  const unreadable = useCourse((state) => state.unreadableProgress);
  const newer = useCourse((state) => state.newerProgress);
  const storageUnavailable = useCourse((state) => state.storageUnavailable);
  const dismissed = useCourse((state) => state.dismissedNotices);

  return (
    <div className="notices">
      <UpdateNotice />
      {previewMode && (
        <div className="notice notice--preview" role="status">
          <p>
            <strong>Instructor preview is on:</strong> every lesson is unlocked. Students never see this.
          </p>
          <button type="button" className="button button--small" onClick={() => setPreviewMode(false)}>
            Turn off preview
          </button>
        </div>
      )}
      {unreadable && !dismissed.includes('unreadable-progress') && (
        <UnreadableProgressNotice reason={unreadable.reason} backupKey={unreadable.backupKey} />
      )}
      {newer && !dismissed.includes('newer-progress') && (
        <DismissibleNotice id="newer-progress">
          <strong>Your saved progress is from a newer version of the course</strong> ({newer.reason}). It is
          kept untouched, and nothing from this visit will be saved over it. Reload the page to get the newest
          version; if this notice comes back, use “Export progress” on the home page to keep what you do now.
        </DismissibleNotice>
      )}
      {storageUnavailable && !dismissed.includes('storage-unavailable') && (
        <DismissibleNotice id="storage-unavailable">
          <strong>Your progress won’t be saved:</strong> this browser is not letting the course store anything
          (storage may be blocked or full). Everything works until you close the tab; use “Export progress” on
          the home page to keep a copy.
        </DismissibleNotice>
      )}
    </div>
  );
}

/**
 * Unreadable saved progress. When a copy was kept, the course has started fresh and saves as usual; when no
 * copy fit (storage nearly full), saving waits until the student downloads the data and starts fresh.
 */
function UnreadableProgressNotice({ reason, backupKey }: { reason: string; backupKey: string | null }) {
  const startFresh = useCourse((state) => state.startFresh);
  const download = () =>
    downloadFile(
      courseStore.getState().unreadableText() ?? '',
      'ddb-course-unreadable-progress.txt',
      'text/plain',
    );
  if (backupKey)
    return (
      <DismissibleNotice
        id="unreadable-progress"
        actions={
          <button type="button" className="button button--small" onClick={download}>
            Download the unreadable data
          </button>
        }
      >
        <strong>Your saved progress couldn’t be read</strong> ({reason}), so the course has started fresh. A
        copy of the unreadable data is kept in this browser under “{backupKey}”; download it if you want to
        keep it elsewhere.
      </DismissibleNotice>
    );
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        <strong>Your saved progress couldn’t be read</strong> ({reason}), and there is no room to keep a copy.
        Until you choose, nothing new is saved, so that the only copy is not overwritten: download the
        unreadable data, then the course starts fresh and saves again.
      </p>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          download();
          startFresh();
        }}
      >
        Download the unreadable data and start fresh
      </button>
    </div>
  );
}

function DismissibleNotice({
  id,
  actions,
  children,
}: {
  id: NoticeId;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const dismissNotice = useCourse((state) => state.dismissNotice);
  return (
    <div className="notice notice--warning" role="alert">
      <p>{children}</p>
      <div className="notice__actions">
        {actions}
        <button type="button" className="button button--small" onClick={() => dismissNotice(id)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
