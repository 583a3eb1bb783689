/** Shown in place of content that a lesson author got wrong, so the mistake is visible rather than silent. */
export function AuthorError({ what, problems }: { what: string; problems: readonly string[] }) {
  return (
    <div className="author-error" role="alert">
      <p>
        <strong>{what} can’t be shown</strong> because of a mistake in this lesson’s source:
      </p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
