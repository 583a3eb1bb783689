import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { certificateStatus, type CertificateStatus } from '../../course/gating.ts';
import { lessons } from '../../course/lessons.ts';
import { studentNameMaxLength } from '../../store/checkedOnLoad.ts';
import { useCourse } from '../../store/index.ts';
import { courseTitle } from '../courseInfo.ts';

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** `/certificate`: printable once every quiz is passed; until then, what remains. */
export function CertificatePage() {
  const progress = useCourse((state) => state.lessons);
  const status = certificateStatus(lessons, progress);
  return (
    <>
      <title>{`Certificate · ${courseTitle}`}</title>
      {status.eligible ? <Certificate status={status} /> : <NotYetEarned status={status} />}
    </>
  );
}

function NotYetEarned({ status }: { status: CertificateStatus }) {
  return (
    <section className="status-page" aria-labelledby="certificate-title">
      <p className="eyebrow">Certificate</p>
      <h1 id="certificate-title">Your certificate isn’t ready yet</h1>
      <p>
        The certificate is awarded once you have passed every quiz in the course. Still to pass (
        {status.remaining.length} of {status.scores.length}):
      </p>
      <ul className="remaining-list">
        {status.remaining.map((lesson) => (
          <li key={lesson.id}>
            <Link to={`/lessons/${lesson.id}`}>{lesson.title}</Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/">Back to the lessons</Link>
      </p>
    </section>
  );
}

function Certificate({ status }: { status: CertificateStatus }) {
  const studentName = useCourse((state) => state.studentName);
  const setStudentName = useCourse((state) => state.setStudentName);
  const [nameMissing, setNameMissing] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const nameHintId = useId();
  const hasName = studentName.trim() !== '';

  const print = () => {
    if (!hasName) {
      setNameMissing(true);
      nameInput.current?.focus();
      return;
    }
    window.print();
  };

  return (
    <section className="certificate-page" aria-labelledby="certificate-title">
      <div className="certificate-page__controls">
        <h1 id="certificate-title">Your certificate</h1>
        <p>
          Congratulations: you have passed every quiz. Type your name as it should appear, then print or save
          as PDF.
        </p>
        <label htmlFor="student-name">Your name</label>
        <input
          id="student-name"
          ref={nameInput}
          type="text"
          autoComplete="name"
          value={studentName}
          maxLength={studentNameMaxLength}
          dir="auto"
          aria-invalid={nameMissing && !hasName}
          aria-describedby={nameMissing && !hasName ? nameHintId : undefined}
          onChange={(event) => setStudentName(event.target.value)}
        />
        {nameMissing && !hasName && (
          <p className="field-error" id={nameHintId}>
            Type your name before printing: it is printed on the certificate.
          </p>
        )}
        <p>
          <button type="button" className="button button--primary" onClick={print}>
            Print certificate
          </button>
        </p>
      </div>

      <div className="certificate" aria-label="Certificate of completion" role="group">
        <p className="certificate__kicker">Certificate of completion</p>
        {/* <bdi> isolates the name's direction: a right-to-left name (or override) cannot reorder the text around it. */}
        <p className="certificate__name">{hasName ? <bdi>{studentName}</bdi> : 'Your name'}</p>
        <p>
          has completed <strong>{courseTitle}</strong>
          {status.completedAt && (
            <>
              {' '}
              on <time dateTime={status.completedAt}>{longDate.format(new Date(status.completedAt))}</time>
            </>
          )}
          .
        </p>
        <table className="certificate__scores">
          <caption>Best quiz scores</caption>
          <thead>
            <tr>
              <th scope="col">Lesson</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {status.scores.map(({ lesson, best }) => (
              <tr key={lesson.id}>
                <th scope="row">{lesson.title}</th>
                <td>{best ? `${best.correct} of ${best.total}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
