/**
 * The geometry of an objective's sparkline: entries, oldest first, as an SVG line and the area
 * under it, in a box of `width` × `height` user units with `pad` kept free so the stroke is not
 * clipped. Equal values draw a flat line across the middle instead of dividing by zero.
 */
export interface SparklineGeometry {
  line: string;
  area: string;
  /** The last point, marked on the chart: where the objective is now. */
  last: { x: number; y: number };
}

export function sparklineGeometry(
  values: readonly number[],
  width: number,
  height: number,
  pad = 2,
): SparklineGeometry | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  const step = (width - 2 * pad) / (finite.length - 1);
  const round = (n: number) => Math.round(n * 100) / 100;
  const points = finite.map((v, i) => ({
    x: round(pad + i * step),
    y: round(span === 0 ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad)),
  }));
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const area = `${line} L${points[points.length - 1].x} ${height} L${points[0].x} ${height} Z`;
  return { line, area, last: points[points.length - 1] };
}
