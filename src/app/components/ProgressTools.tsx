import { useRef, useState, type ChangeEvent } from 'react';
import { progressOf, useCourse, courseStore } from '../../store/index.ts';
import { parseProgressFile, progressFileContents, progressFileName } from '../../store/progressFile.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { downloadFile } from '../downloadFile';

type Outcome = { kind: 'success' | 'error'; message: string } | null;

/** A progress export is a few KB; a file far larger is not one, and parsing it would block the page. */
const importBytesMax = 1024 * 1024;

/** Export, import and reset of the student's progress. */
export function ProgressTools() {
  const replaceProgress = useCourse((state) => state.replaceProgress);
  const resetProgress = useCourse((state) => state.resetProgress);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const resetDialog = useRef<HTMLDialogElement>(null);

  const exportProgress = () => {
    const now = new Date();
    const fileName = progressFileName(now);
    downloadFile(progressFileContents(progressOf(courseStore.getState()), now), fileName, 'application/json');
    setOutcome({ kind: 'success', message: `Saved your progress as ${fileName}.` });
  };

  const importProgress = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > importBytesMax) {
      setOutcome({
        kind: 'error',
        message: `Couldn’t import “${file.name}”: it is ${(file.size / 1024 / 1024).toFixed(1)} MB, far more than a progress export (a few KB). Your current progress has not been changed. Choose a file saved with “Export progress”.`,
      });
      return;
    }
    const parsed = parseProgressFile(await file.text());
    if (!parsed.ok) {
      setOutcome({
        kind: 'error',
        message: `Couldn’t import “${file.name}”: ${parsed.problem}. Your current progress has not been changed. Choose a file saved with “Export progress”.`,
      });
      return;
    }
    replaceProgress(parsed.value);
    const saved = courseStore.getState().lastSave();
    setOutcome(
      saved === 'saved'
        ? { kind: 'success', message: `Imported your progress from “${file.name}”.` }
        : {
            kind: 'error',
            message:
              saved === 'held'
                ? `The progress from “${file.name}” is shown, but not saved: saving waits for the notice at the top of the page about your earlier progress. Follow it, then import the file again.`
                : `The progress from “${file.name}” is shown for this visit only: this browser is not letting the course save it (storage may be blocked or full), so it is gone when you close or reload the tab. Free some space or allow this site to store data, then import the file again.`,
          },
    );
  };

  return (
    <section className="progress-tools" aria-labelledby="progress-tools-heading">
      <h2 id="progress-tools-heading">Your progress</h2>
      <p>
        Progress is kept in this browser only. Export it to move to another browser or keep a backup, and
        import it there.
      </p>
      <div className="progress-tools__actions">
        <button type="button" className="button" onClick={exportProgress}>
          Export progress
        </button>
        <label className="button file-button">
          Import progress…
          <input type="file" accept=".json,application/json" onChange={importProgress} />
        </label>
        <button
          type="button"
          className="button button--danger"
          onClick={() => resetDialog.current?.showModal()}
        >
          Reset progress…
        </button>
      </div>
      <div aria-live="polite">
        {outcome && (
          <p
            className={`progress-tools__${outcome.kind}`}
            role={outcome.kind === 'error' ? 'alert' : undefined}
          >
            {outcome.message}
          </p>
        )}
      </div>
      <ConfirmDialog
        ref={resetDialog}
        title="Reset all progress?"
        confirmLabel="Reset progress"
        onConfirm={() => {
          resetProgress();
          setOutcome({ kind: 'success', message: 'Your progress has been reset.' });
        }}
      >
        <p>
          This deletes every quiz attempt and score saved in this browser, and locks the lessons again. It
          can’t be undone: export your progress first if you might want it back.
        </p>
      </ConfirmDialog>
    </section>
  );
}
