interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** How the value reads aloud, e.g. "1 of 2 quizzes passed". */
  valueText: string;
}

export function ProgressBar({ label, value, max, valueText }: ProgressBarProps) {
  const percent = max === 0 ? 0 : Math.round((value / max) * 100);
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        <span>{valueText}</span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText}
      >
        {/* A React style prop is applied through the CSSOM, which the CSP's style-src 'self' allows. */}
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
