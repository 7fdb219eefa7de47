/**
 * An objective's progress entries as a small inline SVG: a few hundred bytes of code instead of
 * a chart library on every card. The full chart (axes, target line) loads only when a person
 * opens the entries (ProgressChart.tsx).
 */
import { sparklineGeometry } from './sparkline.ts';
import classes from './ObjectivesSection.module.css';

const W = 200;
const H = 40;

export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const g = sparklineGeometry(values, W, H, 3);
  if (!g) return null;
  return (
    <svg
      className={classes.sparkline}
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="objective-sparkline"
    >
      <path d={g.area} className={classes.sparkArea} />
      <path d={g.line} className={classes.sparkLine} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
