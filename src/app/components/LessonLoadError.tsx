import { useEffect, useState } from 'react';
import { onHotUpdate, useCompileError, type CompileError } from '../devCompileErrors.ts';
import { servedBuildIsNewer } from '../newerBuild.ts';

/**
 * Shown when a lesson's chunk cannot be loaded. For students that is a network problem; for an author
 * running the dev server it is usually a mistake in the lesson, so show where it is and what is wrong.
 */
export function LessonLoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const compileError = useCompileError();
  if (import.meta.env.DEV)
    return <LessonCompileError compileError={compileError} error={error} retry={retry} />;
  return <LessonChunkError retry={retry} />;
}

/** A network problem, or (after a redeploy) a chunk that no longer exists, for which only a reload helps. */
function LessonChunkError({ retry }: { retry: () => void }) {
  const [newerBuild, setNewerBuild] = useState(false);
  useEffect(() => {
    let current = true;
    void servedBuildIsNewer().then((newer) => current && setNewerBuild(newer));
    return () => {
      current = false;
    };
  }, []);
  if (newerBuild)
    return (
      <div className="notice notice--warning" role="alert">
        <p>
          This lesson couldn’t be loaded because the course has been updated since you opened this page.
          Reload to get the new version; your progress is kept.
        </p>
        <button type="button" className="button button--small" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  return (
    <div className="notice notice--warning" role="alert">
      <p>This lesson couldn’t be loaded. Check your connection, then try again.</p>
      <button type="button" className="button button--small" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

function LessonCompileError({
  compileError,
  error,
  retry,
}: {
  compileError: CompileError | null;
  error: unknown;
  retry: () => void;
}) {
  // Saving a fix hot-updates the lesson module; load it again.
  useEffect(() => onHotUpdate(retry), [retry]);
  const where = compileError?.file
    ? `${compileError.file}${compileError.line ? `:${compileError.line}:${compileError.column ?? 1}` : ''}`
    : undefined;
  return (
    <div className="author-error" role="alert">
      <p>
        <strong>This lesson could not be compiled.</strong> Fix the lesson and save: the page reloads by
        itself. <code>npm run lessons:check</code> lists every problem at once.
      </p>
      {where && (
        <p>
          <code>{where}</code>
        </p>
      )}
      <p>{compileError?.message ?? (error instanceof Error ? error.message : String(error))}</p>
      {compileError?.frame && <pre className="author-error__frame">{compileError.frame}</pre>}
      <button type="button" className="button button--small" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
