import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** A counter that moves on once the doc has been quiet for `ms` after a change: a refetch key. */
export function useDocSettled(doc: Y.Doc, ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setTick((t) => t + 1), ms);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, ms]);
  return tick;
}
