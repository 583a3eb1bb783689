import { useId, useState } from 'react';
import type { HistoryFormat } from '../../engine/checkers/export';

const formats: { format: HistoryFormat; label: string }[] = [
  { format: 'porcupine', label: 'JSON for Porcupine' },
  { format: 'edn', label: 'EDN for Jepsen (Knossos, Elle)' },
];

/**
 * "Download history": the whole run so far, in a format an outside linearizability or isolation checker
 * reads, so a student can judge the run with a real tool (src/engine/README.md, "Checking a run with
 * Porcupine or Elle").
 */
export function HistoryDownload({ onDownload }: { onDownload(format: HistoryFormat): Promise<void> }) {
  const [format, setFormat] = useState<HistoryFormat>('porcupine');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const selectId = useId();
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onDownload(format);
    } catch (error) {
      setProblem(
        `The history could not be saved (${error instanceof Error ? error.message : String(error)}). The run is unchanged; try again.`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="viz-history__download">
      <label htmlFor={selectId}>History file for an outside checker</label>
      <select
        id={selectId}
        value={format}
        onChange={(event) => setFormat(event.target.value as HistoryFormat)}
      >
        {formats.map((option) => (
          <option key={option.format} value={option.format}>
            {option.label}
          </option>
        ))}
      </select>
      <button type="button" className="sim-button" onClick={() => void download()} disabled={busy}>
        Download history
      </button>
      {problem && (
        <p className="viz-history__download-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
