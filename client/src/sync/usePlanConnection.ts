import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Me } from '../api/types.ts';
import { PlanConnection, syncServerUrl, type ConnectionSnapshot } from './PlanConnection.ts';
import { publishActiveConnection } from './activeConnection.ts';

/** Opens the live plan for `relationshipId` while mounted (and `enabled`), closes it after. */
export function usePlanConnection(
  relationshipId: string,
  me: Me,
  enabled: boolean,
  onSessionEnded: () => void,
): PlanConnection | null {
  const [conn, setConn] = useState<PlanConnection | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const c = new PlanConnection({
      relationshipId,
      user: { id: me.id, name: me.name, color: me.color, companyId: me.companyId, companyName: me.companyName },
      serverUrl: syncServerUrl(),
      onSessionEnded,
    });
    setConn(c);
    const unpublish = publishActiveConnection(c);
    return () => {
      unpublish();
      c.destroy();
      setConn(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- identity, not the whole Me object: a refreshed /api/me must not reopen the socket
  }, [relationshipId, me.id, enabled]);
  return conn;
}

const idle: ConnectionSnapshot = { status: 'connecting', pending: false, generation: -1, ready: false, notice: null };
const noop = () => () => {};

export function useConnectionSnapshot(conn: PlanConnection | null): ConnectionSnapshot {
  return useSyncExternalStore(conn ? conn.subscribe : noop, conn ? conn.getSnapshot : () => idle);
}
