/**
 * One guided step: instructions, and optionally the moment the run pauses at for it. A <Steps> reads its
 * <Step> children as data (see Steps.tsx); a <Step> outside one renders as an author error.
 */
import type { ReactNode } from 'react';
import { AuthorError } from '../../quiz/AuthorError';
import type { Moment } from '../../engine/analysis/moments';

export interface StepProps {
  /** Where the run pauses for this step: a moment's text form ("1.9 s", "n1 crashes", "new leader") or object form. */
  pauseAt?: string | Moment;
  children?: ReactNode;
}

export function Step(_props: StepProps) {
  return <AuthorError what="A <Step>" problems={['<Step> must be placed inside a <Steps for="embed-id">']} />;
}
Step.guidedStep = true as const;
