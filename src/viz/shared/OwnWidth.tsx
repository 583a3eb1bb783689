import type { ReactNode } from 'react';
import { useElementWidth } from './hooks';

/**
 * Renders a pixel-sized drawing at the width of its own box. A canvas given a wider box's width is
 * shrunk by `max-width: 100%`, and its text with it (below 12 px in a compare side), so the drawing waits
 * for the measurement, which happens before the first paint.
 */
export function OwnWidth({ children }: { children: (widthPx: number) => ReactNode }) {
  const [box, widthPx] = useElementWidth<HTMLDivElement>(0);
  return <div ref={box}>{widthPx > 0 && children(widthPx)}</div>;
}
