/**
 * The full progress chart, on the project's chart library (@mantine/charts, recharts) in its own
 * chunk, fetched when someone opens an objective's entries and never with the plan. Readings sit
 * on a time axis by their "as of" day (three readings a week apart are a week apart), joined by
 * straight segments: a value between two readings is not known, so nothing is smoothed. Baseline
 * and target are reference lines. A table of the same readings follows for screen readers; the
 * drawing itself is hidden from them.
 */
import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { VisuallyHidden } from '@mantine/core';
import type { Objective } from '../../../../shared/schema.ts';
import { formatDate, formatMeasureValue } from './measure.ts';
import classes from './ObjectivesSection.module.css';

export interface ProgressChartProps {
  objective: Objective;
  /** Readings in date order: `day` is YYYY-MM-DD. */
  data: { day: string; value: number }[];
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function ProgressChart({ objective, data }: ProgressChartProps) {
  const { unit, baseline, target } = objective.measure;
  const rows = data.map((d) => ({ t: dayMs(d.day), value: d.value }));
  // The value axis always shows baseline and target, with a margin so their labels fit.
  const values = [...data.map((d) => d.value), baseline, target];
  const flat = Math.min(...values) === Math.max(...values) ? 1 : 0;
  const span = Math.max(...values) - Math.min(...values) + 2 * flat;
  const lo = Math.min(...values) - flat - span * 0.1;
  const hi = Math.max(...values) + flat + span * 0.15;
  // One reading still needs a time span to sit in: a week either side.
  const first = rows[0]?.t ?? 0; // the caller shows the chart only once there is a reading
  const last = rows[rows.length - 1]?.t ?? first;
  const domain = first === last ? [first - 7 * DAY_MS, last + 7 * DAY_MS] : [first, last];
  const when = (ms: unknown) => (typeof ms === 'number' ? formatDate(dayOf(ms)) : '');
  return (
    <>
      <div
        className={classes.chart}
        aria-hidden
        data-testid="progress-chart"
        data-days={data.map((d) => d.day).join(',')}
      >
        <LineChart
          h={220}
          data={rows}
          dataKey="t"
          series={[{ name: 'value', label: unit || 'Value', color: 'dark.6' }]}
          curveType="linear"
          withDots
          gridAxis="y"
          valueFormatter={(v) => formatMeasureValue(v, unit)}
          xAxisProps={{
            type: 'number',
            scale: 'time',
            domain,
            tickFormatter: when,
            padding: { left: 24, right: 24 },
          }}
          yAxisProps={{
            domain: [lo, hi],
            width: 44,
            // Numbers only on the axis: a unit like "% of volume" would wrap into three lines.
            // The unit is in the tooltip, the reference lines' labels and the table.
            tickFormatter: (v: number) => v.toLocaleString('en', { maximumFractionDigits: 1 }),
          }}
          tooltipProps={{ labelFormatter: when }}
          referenceLines={[
            {
              y: target,
              label: `Target ${formatMeasureValue(target, unit)}`,
              color: 'green.8',
              strokeDasharray: '6 4',
            },
            {
              y: baseline,
              label: `Baseline ${formatMeasureValue(baseline, unit)}`,
              color: 'gray.6',
              strokeDasharray: '2 4',
            },
          ]}
        />
      </div>
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
