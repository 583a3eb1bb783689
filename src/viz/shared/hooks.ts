/** Small DOM hooks the views share: element size, media queries and a crisp canvas. */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';

/** The element's content width (inside its padding), kept up to date with a ResizeObserver. */
export function useElementWidth<T extends HTMLElement>(fallback = 640): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const style = getComputedStyle(element);
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      setWidth(Math.max(120, Math.floor(element.clientWidth - (Number.isFinite(padding) ? padding : 0))));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function useMediaQuery(query: string): boolean {
  const list = useMemo(() => (typeof matchMedia === 'undefined' ? null : matchMedia(query)), [query]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    [list],
  );
  return useSyncExternalStore(
    subscribe,
    () => list?.matches ?? false,
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

/** Theme colours a canvas needs, read from the platform's CSS custom properties. */
export interface ThemeColours {
  text: string;
  muted: string;
  border: string;
  danger: string;
  focus: string;
  /** The embed's background, behind text drawn over the drawing. */
  surface: string;
}

const fallbackColours: ThemeColours = {
  text: '#1d2330',
  muted: '#4f5868',
  border: '#dcd8cf',
  danger: '#ad241b',
  focus: '#1b66e0',
  surface: '#ffffff',
};

function readColours(element: Element): ThemeColours {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', fallbackColours.text),
    muted: read('--text-muted', fallbackColours.muted),
    border: read('--border', fallbackColours.border),
    danger: read('--danger', fallbackColours.danger),
    focus: read('--focus', fallbackColours.focus),
    surface: read('--surface', fallbackColours.surface),
  };
}

/**
 * Returns a getter for the theme's colours as seen from `ref`'s element. Reading computed style is
 * slow, so the colours are read once and again only when the colour scheme changes, not every frame.
 */
export function useThemeColours(ref: RefObject<Element | null>): () => ThemeColours {
  const cache = useRef<ThemeColours | null>(null);
  useEffect(() => {
    if (typeof matchMedia === 'undefined') return;
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const forget = () => {
      cache.current = null;
    };
    scheme.addEventListener('change', forget);
    return () => scheme.removeEventListener('change', forget);
  }, []);
  return useCallback(() => {
    if (cache.current) return cache.current;
    if (!ref.current || typeof getComputedStyle === 'undefined') return fallbackColours;
    return (cache.current = readColours(ref.current));
  }, [ref]);
}
