import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A counter that moves on once the doc has been quiet for `ms` after a change: a refetch key.
 * `when` can hold it back (offline: a refetch would only fail).
 */
export function useDocSettled(doc: Y.Doc, ms: number, when: () => boolean = () => true): number {
  const whenRef = useRef(when);
  whenRef.current = when;
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => whenRef.current() && setTick((t) => t + 1), ms);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, ms]);
  return tick;
}
