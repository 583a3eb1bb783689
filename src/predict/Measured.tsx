/**
 * <Measured …/>: a number in the prose filled from the student's own run. Inside a <WhatYouSaw> or a
 * <Predict> explanation it takes the embed, side and moment from there and needs only measure (and args);
 * with no measure inside a <Predict>, it is the prediction's own measured value.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { MeasureArgs, MeasureMoment, MeasureValue } from '../engine/analysis/measures/types';
import { AuthorError } from '../quiz/AuthorError';
import { formatMeasured, readBinding, type MeasureBinding } from './spec';
import { useMeasured } from './useMeasured';

interface Scope {
  binding: Partial<MeasureBinding>;
  /** The value already measured for the enclosing <Predict>. */
  value?: MeasureValue;
}

const MeasureScopeContext = createContext<Scope>({ binding: {} });

export function MeasureScope({
  binding,
  value,
  children,
}: {
  binding: Partial<MeasureBinding>;
  value?: MeasureValue;
  children?: ReactNode;
}) {
  return (
    <MeasureScopeContext value={{ binding, ...(value === undefined ? {} : { value }) }}>
      {children}
    </MeasureScopeContext>
  );
}

export interface MeasuredProps {
  for?: string;
  side?: 'left' | 'right';
  measure?: string;
  args?: MeasureArgs;
  at?: MeasureMoment;
  unit?: string;
}

export function Measured(props: MeasuredProps) {
  const scope = useContext(MeasureScopeContext);
  if (props.measure === undefined && scope.value !== undefined) {
    return <span className="measured">{formatMeasured(scope.value, props.unit)}</span>;
  }
  const read = readBinding({ ...scope.binding, ...props }, '<Measured>');
  if (!read.ok) return <AuthorError what="This number" problems={read.problems} />;
  return <MeasuredValue binding={read.value} unit={props.unit} />;
}

function MeasuredValue({ binding, unit }: { binding: MeasureBinding; unit?: string }) {
  const measured = useMeasured(binding);
  if (measured.status === 'ready')
    return <span className="measured">{formatMeasured(measured.value, unit)}</span>;
  const text =
    measured.status === 'failed'
      ? '(could not be measured)'
      : measured.status === 'computing'
        ? '…'
        : '(run the simulation to see this number)';
  return <span className="measured measured--pending">{text}</span>;
}
