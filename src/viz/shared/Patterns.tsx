/**
 * SVG patterns that carry meaning without colour: hatching for crashed nodes and failed operations,
 * dots for indeterminate ones. They are overlays: draw the coloured shape, then the same shape filled
 * with the pattern. Each SVG renders its own copy under a unique id prefix.
 */
export function patternIds(prefix: string) {
  return { hatch: `${prefix}-hatch`, dots: `${prefix}-dots` };
}

export function Patterns({ prefix }: { prefix: string }) {
  const ids = patternIds(prefix);
  return (
    <defs>
      <pattern
        id={ids.hatch}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <line x1="0" y1="0" x2="0" y2="6" stroke="#000" strokeWidth="2" strokeOpacity="0.5" />
      </pattern>
      <pattern id={ids.dots} width="5" height="5" patternUnits="userSpaceOnUse">
        <circle cx="2.5" cy="2.5" r="1.1" fill="#000" fillOpacity="0.55" />
      </pattern>
    </defs>
  );
}
