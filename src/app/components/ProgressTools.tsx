import { useRef, useState, type ChangeEvent } from 'react';
import { progressOf, useCourse, courseStore } from '../../store/index.ts';
import { parseProgressFile, progressFileContents, progressFileName } from '../../store/progressFile.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

type Outcome = { kind: 'success' | 'error'; message: string } | null;

/** Export, import and reset of the student's progress. */
export function ProgressTools() {
  const replaceProgress = useCourse((state) => state.replaceProgress);
  const resetProgress = useCourse((state) => state.resetProgress);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const resetDialog = useRef<HTMLDialogElement>(null);

  const exportProgress = () => {
    const now = new Date();
    const blob = new Blob([progressFileContents(progressOf(courseStore.getState()), now)], {
      type: 'application/json',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = progressFileName(now);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setOutcome({ kind: 'success', message: `Saved your progress as ${link.download}.` });
  };

  const importProgress = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const parsed = parseProgressFile(await file.text());
    if (!parsed.ok) {
      setOutcome({
        kind: 'error',
        message: `Couldn’t import “${file.name}”: ${parsed.problem}. Your current progress has not been changed. Choose a file saved with “Export progress”.`,
      });
      return;
    }
    replaceProgress(parsed.value);
    setOutcome({ kind: 'success', message: `Imported your progress from “${file.name}”.` });
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
