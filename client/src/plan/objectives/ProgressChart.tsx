/**
 * The full progress chart: readings placed by their "as of" date on a time axis, joined by
 * straight segments (a reading between two dates is not known, so nothing is smoothed), with the
 * baseline and the target drawn as lines. A table of the same readings follows for screen
 * readers; the drawing itself is hidden from them. Plain SVG: the chart needs no library.
 */
import { VisuallyHidden } from '@mantine/core';
import type { Objective } from '../../../../shared/schema.ts';
import { formatDate, formatMeasureValue } from './measure.ts';
import classes from './ObjectivesSection.module.css';

export interface ProgressChartProps {
  objective: Objective;
  /** Readings in date order: `day` is YYYY-MM-DD. */
  data: { day: string; value: number }[];
}

const W = 560;
const H = 200;
const PAD = { left: 12, right: 12, top: 22, bottom: 28 };

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function ProgressChart({ objective, data }: ProgressChartProps) {
  const { unit, baseline, target } = objective.measure;
  const values = [...data.map((d) => d.value), baseline, target];
  // A flat series still gets a band to sit in.
  const flat = Math.min(...values) === Math.max(...values) ? 1 : 0;
  let lo = Math.min(...values) - flat;
  let hi = Math.max(...values) + flat;
  const span = hi - lo;
  lo -= span * 0.08;
  hi += span * 0.08;
  const t0 = dayMs(data[0].day);
  const t1 = dayMs(data[data.length - 1].day);
  const x = (day: string) =>
    t1 === t0
      ? (PAD.left + W - PAD.right) / 2
      : PAD.left + ((dayMs(day) - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const points = data.map((d) => `${x(d.day).toFixed(1)},${y(d.value).toFixed(1)}`).join(' ');
  return (
    <>
      <svg
        className={classes.chart}
        viewBox={`0 0 ${W} ${H}`}
        aria-hidden
        data-testid="progress-chart"
        data-days={data.map((d) => d.day).join(',')}
      >
        <line
          className={classes.chartBaseline}
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(baseline)}
          y2={y(baseline)}
          data-testid="chart-baseline"
        />
        <line
          className={classes.chartTarget}
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(target)}
          y2={y(target)}
          data-testid="chart-target"
        />
        {/* Labels sit above their line, inside the drawing, so long units are never cut off. */}
        <text className={classes.chartLabel} x={PAD.left} y={y(target) - 5} textAnchor="start">
          Target {formatMeasureValue(target, unit)}
        </text>
        <text className={classes.chartLabel} x={PAD.left} y={y(baseline) - 5} textAnchor="start">
          Baseline {formatMeasureValue(baseline, unit)}
        </text>
        <polyline className={classes.chartLine} points={points} data-testid="chart-line" />
        {data.map((d, i) => (
          <circle key={i} cx={x(d.day)} cy={y(d.value)} r={3.5} fill="currentColor" data-testid="chart-point" />
        ))}
        <text className={classes.chartLabel} x={PAD.left} y={H - 8} textAnchor="start">
          {formatDate(data[0].day)}
        </text>
        {data.length > 1 ? (
          <text className={classes.chartLabel} x={W - PAD.right} y={H - 8} textAnchor="end">
            {formatDate(data[data.length - 1].day)}
          </text>
        ) : null}
      </svg>
      <VisuallyHidden>
        <table data-testid="progress-table">
          <caption>
            Progress readings by date. Baseline {formatMeasureValue(baseline, unit)}, target{' '}
            {formatMeasureValue(target, unit)}.
          </caption>
          <thead>
            <tr>
              <th scope="col">As of</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d, i) => (
              <tr key={i}>
                <td>{formatDate(d.day)}</td>
                <td>{formatMeasureValue(d.value, unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </>
  );
}
