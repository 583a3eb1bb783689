/** Small DOM hooks the views share: element size, media queries and a crisp canvas. */
import { useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';

/** The element's content width, kept up to date with a ResizeObserver. */
export function useElementWidth<T extends HTMLElement>(fallback = 640): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(120, Math.floor(element.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof matchMedia === 'undefined') return () => undefined;
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => (typeof matchMedia === 'undefined' ? false : matchMedia(query).matches),
    () => false,
  );
}

export function usePrefersReducedMotion(): boolean {
  return useMediaQuery('(prefers-reduced-motion: reduce)');
}

/**
 * Draws on a canvas of CSS size width × height at the device's pixel ratio, in CSS-pixel coordinates.
 * `draw` runs after every render whose `deps` changed.
 */
export function useCanvas(
  width: number,
  height: number,
  draw: (context: CanvasRenderingContext2D) => void,
): RefObject<HTMLCanvasElement | null> {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = typeof devicePixelRatio === 'number' ? Math.min(devicePixelRatio, 2) : 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    draw(context);
  });
  return ref;
}

/** Reads a CSS custom property from an element, e.g. the theme's text colour for canvas drawing. */
export function cssVariable(element: Element | null, name: string, fallback: string): string {
  if (!element || typeof getComputedStyle === 'undefined') return fallback;
  const value = getComputedStyle(element).getPropertyValue(name).trim();
  return value || fallback;
}
