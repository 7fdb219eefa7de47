import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http.ts';

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError };

/** Loads `fn` when `key` changes; `reload` retries without unmounting what is on screen. */
export function useAsync<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  key: string,
): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const ac = new AbortController();
    setState((s) => (s.status === 'ok' && attempt > 0 ? s : { status: 'loading' }));
    fnRef.current(ac.signal).then(
      (data) => !ac.signal.aborted && setState({ status: 'ok', data }),
      (err) => {
        if (ac.signal.aborted) return;
        setState({
          status: 'error',
          error: err instanceof ApiError ? err : new ApiError(0, 'network', String(err?.message ?? err)),
        });
      },
    );
    return () => ac.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, reload };
}
