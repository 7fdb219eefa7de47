/**
 * Parts of the app fetched when first needed (the plan, admin, print, history, the full chart),
 * so the sign-in page and the relationships home never download the editor or the charts.
 *
 * `lazyPart(load)` gives a React.lazy component plus `preload()`, to start the download early
 * (in parallel with the session check, say) without rendering. A download that fails (offline,
 * or a deployment replaced the hashed file) shows an error with a retry instead of a blank page;
 * the retry asks again, since React.lazy keeps a failed promise forever.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { ErrorState } from '../ui/StateViews.tsx';

export interface LazyPart<P> {
  Component: ComponentType<P>;
  preload: () => Promise<unknown>;
}

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => {
    pending ??= load().then(
      (c) => ({ default: c }),
      (err: unknown) => {
        pending = null;
        throw new PartLoadError(err);
      },
    );
    return pending;
  };
  let Lazy = lazy(preload);
  function Part(props: P) {
    const [attempt, setAttempt] = useState(0);
    return (
      <PartBoundary
        key={attempt}
        onRetry={() => {
          Lazy = lazy(preload);
          setAttempt((a) => a + 1);
        }}
      >
        <Lazy {...props} />
      </PartBoundary>
    );
  }
  return { Component: Part, preload };
}

/** Suspense with a fallback for a lazy part: the designed loading state of what is coming. */
export function PartSuspense({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  return <Suspense fallback={fallback}>{children}</Suspense>;
}

/** A lazy part's download failed; the cause is the browser's own error. */
export class PartLoadError extends Error {
  constructor(override readonly cause: unknown) {
    super('A part of the app could not be downloaded');
    this.name = 'PartLoadError';
  }
}

class PartBoundary extends Component<{ onRetry: () => void; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return {
      error: error instanceof Error ? error : new Error('A part of the app failed to render', { cause: error }),
    };
  }
  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Only a failed download is ours to explain; anything else goes on to the caller's boundary.
    if (!(error instanceof PartLoadError)) throw error;
    return (
      <ErrorState
        title="This part of Charter could not be downloaded"
        message="Check your connection and try again. Nothing you typed is lost."
        onRetry={this.props.onRetry}
      />
    );
  }
}
