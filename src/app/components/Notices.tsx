import type { ReactNode } from 'react';
import { useCourse } from '../../store/index.ts';
import type { NoticeId } from '../../store/sessionSlice.ts';
import { UpdateNotice } from '../offline/UpdateNotice.tsx';

/** Messages about the whole course: instructor preview, and progress that could not be read or saved. */
export function Notices() {
  const previewMode = useCourse((state) => state.previewMode);
  const setPreviewMode = useCourse((state) => state.setPreviewMode);
  const unreadable = useCourse((state) => state.unreadableProgress);
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
        <DismissibleNotice id="unreadable-progress">
          <strong>Your saved progress couldn’t be read</strong> ({unreadable.reason}), so the course has
          started fresh.{' '}
          {unreadable.backupKey
            ? `A copy of the unreadable data is kept in this browser’s local storage under “${unreadable.backupKey}”.`
            : 'It has been left untouched in this browser’s local storage, and nothing new will be saved over it.'}
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

function DismissibleNotice({ id, children }: { id: NoticeId; children: ReactNode }) {
  const dismissNotice = useCourse((state) => state.dismissNotice);
  return (
    <div className="notice notice--warning" role="alert">
      <p>{children}</p>
      <button type="button" className="button button--small" onClick={() => dismissNotice(id)}>
        Dismiss
      </button>
    </div>
  );
}
