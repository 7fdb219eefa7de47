/**
 * The client ids already claimed per loaded document, shared by the DocStore implementations so a
 * claim is written once and never replaced, on every backend alike (rules in DocStore.ts).
 */
import type { ClientIdClaim } from './DocStore.ts';

export class ClaimedClients {
  private readonly byDoc = new Map<string, Set<number>>();

  /** The claims not written before, now marked as written. */
  fresh(docId: string, claims: readonly ClientIdClaim[]): ClientIdClaim[] {
    if (claims.length === 0) return [];
    let claimed = this.byDoc.get(docId);
    if (!claimed) this.byDoc.set(docId, (claimed = new Set()));
    const out: ClientIdClaim[] = [];
    for (const claim of claims) {
      if (claimed.has(claim[0])) continue;
      claimed.add(claim[0]);
      out.push(claim);
    }
    return out;
  }

  /** Marks the claims a store read back (`clientIds`) as written; nothing once the store closed. */
  stored(docId: string, clients: Iterable<number>, closed: boolean): void {
    const claimed = this.byDoc.get(docId) ?? new Set<number>();
    for (const client of clients) claimed.add(client);
    if (!closed) this.byDoc.set(docId, claimed);
  }

  clear(): void {
    this.byDoc.clear();
  }
}
