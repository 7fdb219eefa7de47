/**
 * Who last wrote a key of a Y.Map, as a person present in the plan. A Yjs client id is one
 * editing session (the awareness client id of that session), so the writer can be named while
 * they are here; otherwise the caller says "someone".
 */
import * as Y from 'yjs';
import type { PresentPerson } from '../presence/presence.ts';

/** The Yjs client id that wrote the current value of `key`, or null. */
export function lastWriterClient(map: Y.Map<unknown> | null | undefined, key: string): number | null {
  if (!(map instanceof Y.Map)) return null;
  // yjs keeps the live item of every key in `_map`; its id names the client that wrote it.
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  return item && !item.deleted ? item.id.client : null;
}

export function presentWriter(present: readonly PresentPerson[], client: number | null): PresentPerson | null {
  if (client === null) return null;
  return present.find((p) => p.clientIds.includes(client)) ?? null;
}
