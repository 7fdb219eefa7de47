import { Skeleton } from '@mantine/core';
import classes from './PlanPage.module.css';

/** The plan's shape while it loads: header, nav, hero, a grid of cards. Never a blank page. */
export function PlanSkeleton({ label = 'Loading the plan' }: { label?: string }) {
  return (
    <div aria-busy="true" aria-label={label} data-testid="plan-skeleton">
      <div className={classes.skeletonHeader}>
        <Skeleton height={34} width="min(420px, 80%)" radius="sm" mb="md" />
        <Skeleton height={26} width={280} radius="xl" />
      </div>
      <div className={classes.content}>
        <Skeleton height={48} radius="md" />
        <Skeleton height={220} radius="lg" />
        <div className={classes.pair}>
          <Skeleton height={180} radius="lg" />
          <Skeleton height={180} radius="lg" />
        </div>
        <Skeleton height={200} radius="lg" />
      </div>
    </div>
  );
}
