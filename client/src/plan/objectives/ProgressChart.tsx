/**
 * The full progress chart (axes, dots, target line), in its own chunk with the chart library:
 * it is fetched when someone opens an objective's entries, never with the plan.
 */
import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import type { Objective } from '../../../../shared/schema.ts';
import { formatMeasureValue } from './measure.ts';

export interface ProgressChartProps {
  objective: Objective;
  data: { when: string; value: number }[];
}

export function ProgressChart({ objective, data }: ProgressChartProps) {
  const unit = objective.measure.unit;
  return (
    <LineChart
      h={200}
      data={data}
      dataKey="when"
      series={[{ name: 'value', label: unit || 'Value', color: 'ink.8' }]}
      curveType="monotone"
      withDots
      gridAxis="y"
      referenceLines={[
        {
          y: objective.measure.target,
          label: `Target ${formatMeasureValue(objective.measure.target, unit)}`,
          color: 'green.8',
        },
      ]}
      yAxisProps={{ domain: ['auto', 'auto'], width: 48 }}
      valueFormatter={(v) => formatMeasureValue(v, unit)}
      mb="md"
    />
  );
}
