/**
 * True for a moment after someone else changes one of `types` (DESIGN: motion only to explain
 * change, "a remote edit's brief highlight"). Local edits never flash: their transactions are
 * `local`. The flash never moves focus or scroll.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

export const FLASH_MS = 1400;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useRemoteFlash(types: ReadonlyArray<Y.AbstractType<any> | null | undefined>): boolean {
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, types);
  return flash;
}
