/**
 * True for a moment after someone else changes one of `types` (DESIGN: motion only to explain
 * change, "a remote edit's brief highlight"). Local edits never flash: their transactions are
 * `local`. The flash never moves focus or scroll.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { Observed } from '../useDoc.ts';

export const FLASH_MS = 1400;

export function useRemoteFlash(types: ReadonlyArray<Observed | null | undefined>): boolean {
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (_events: unknown, tr: Y.Transaction) => {
      if (tr.local) return;
      setFlash(true);
      clearTimeout(timer);
      timer = setTimeout(() => setFlash(false), FLASH_MS);
    };
    const live = types.filter((t): t is NonNullable<typeof t> => !!t);
    live.forEach((t) => t.observeDeep(onChange));
    return () => {
      clearTimeout(timer);
      live.forEach((t) => t.unobserveDeep(onChange));
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the watched types are the deps, one by one, so a new array of the same types subscribes nothing again
  }, types);
  return flash;
}
