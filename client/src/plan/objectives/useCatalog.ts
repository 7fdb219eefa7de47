/**
 * The owner company's objective catalog, for the plan's catalog actions. Only that company's
 * people may read its settings (CONTRACT 4), so the other party's admins get null and the plan
 * shows them the catalog text the plan itself keeps (`catalogText`). A failed load is null too:
 * the catalog actions are extras, never an error over the plan.
 */
import { useEffect, useState } from 'react';
import type { CatalogEntry } from '../../../../shared/catalog.ts';
import { getSettings } from '../../admin/api.ts';

export function useCatalog(companyId: string | null): CatalogEntry[] | null {
  const [loaded, setLoaded] = useState<{ companyId: string; catalog: CatalogEntry[] } | null>(null);
  useEffect(() => {
    if (!companyId) return;
    const ctl = new AbortController();
    getSettings(companyId, ctl.signal)
      .then((r) => setLoaded({ companyId, catalog: r.settings.objectives }))
      .catch(() => undefined);
    return () => ctl.abort();
  }, [companyId]);
  // A catalog loaded for another company (or before access was lost) is not shown.
  return companyId && loaded?.companyId === companyId ? loaded.catalog : null;
}
