/**
 * <WhatYouSaw for="embed-id" at={…}>…</WhatYouSaw>: the paragraph that tells what the simulation showed.
 * It stays folded until the student has run the embed past the moment (or asks to see it, which is
 * recorded), so it never gives away what they were about to find out; its numbers are <Measured>
 * values from their own run.
 */
import { useContext, useId, type ReactNode } from 'react';
import type { MeasureMoment } from '../engine/analysis/measures/types';
import { AuthorError } from '../quiz/AuthorError';
import { QuizLessonContext } from '../quiz/QuizLessonContext';
import { formatTime } from '../sim/controls/Toolbar';
import { useCourse } from '../store/index';
import { MeasureScope } from './Measured';
import { useMeasured } from './useMeasured';
import './predict.css';

export interface WhatYouSawProps {
  for?: string;
  /** For a compare embed, the side whose run decides when it unfolds (left by default). */
  side?: 'left' | 'right';
  at?: MeasureMoment;
  children?: ReactNode;
}

export function WhatYouSaw(props: WhatYouSawProps) {
  const problems = [
    ...(typeof props.for === 'string' && props.for !== ''
      ? []
      : ['<WhatYouSaw> needs for="…": the id of the <Simulation> it tells about']),
    ...((typeof props.at === 'string' && props.at !== '') || typeof props.at === 'number'
      ? []
      : [
          '<WhatYouSaw> needs at={…}: how far the run must get before it unfolds: a time in ms, at="end", or a moment such as at="n1 crashes"',
        ]),
  ];
  if (problems.length > 0) return <AuthorError what="This “What you saw” section" problems={problems} />;
  return (
    <Folded id={props.for!} side={props.side} at={props.at!}>
      {props.children}
    </Folded>
  );
}

function Folded({
  id,
  side,
  at,
  children,
}: {
  id: string;
  side?: 'left' | 'right';
  at: MeasureMoment;
  children?: ReactNode;
}) {
  const lesson = useContext(QuizLessonContext);
  const lessonId = lesson?.id ?? '';
  const revealedEarly = useCourse(
    (state) => state.predictions[lessonId]?.revealedEarly.includes(id) ?? false,
  );
  const recordEarlyReveal = useCourse((state) => state.recordEarlyReveal);
  const moment = useMeasured({ for: id, side, at, measure: 'time' });
  const labelId = useId();
  const open = revealedEarly || moment.status === 'ready';

  return (
    <section
      className={`what-you-saw${open ? '' : ' what-you-saw--folded'}`}
      aria-labelledby={labelId}
      data-what-you-saw={id}
    >
      <h3 className="what-you-saw__label" id={labelId}>
        What you saw
      </h3>
      {open ? (
        <MeasureScope binding={{ for: id, ...(side ? { side } : {}), at }}>{children}</MeasureScope>
      ) : (
        <div className="what-you-saw__fold">
          <p>
            {moment.status === 'waiting'
              ? `Run the simulation to ${formatTime(moment.momentMs)} and this opens with what your run showed.`
              : 'Run the simulation above and this opens with what your run showed.'}
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={() => lessonId && recordEarlyReveal(lessonId, id)}
          >
            Show it now
          </button>
        </div>
      )}
    </section>
  );
}
