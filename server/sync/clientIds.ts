/**
 * Who writes under which Yjs client id in one document (CONTRACT 6: "a Yjs client id belongs to
 * the person who first wrote under it in that document").
 *
 * Why it matters: Yjs takes a struct whose id (client, clock) it already has as a duplicate and
 * ignores it, while the same update's deletes still apply. Someone writing under another
 * person's client id first (a run of GC structs is enough) makes that person's later edits
 * vanish on the server while their deletes go through. Stock providers use one random client id
 * per document instance, so an honest person never meets another's id.
 *
 * What must stay true:
 * - an id is claimed by the first user whose update writes under it, and the claim is stored in
 *   the same write as that update (see DocStore.append), so it holds across unloads and restarts;
 * - an id someone's live connection announced in awareness (stock providers announce their doc's
 *   client id as soon as they connect) is theirs to claim, before they write anything;
 * - the ids the server writes under (plan creation, restores) belong to `SERVER_WRITER`;
 * - ids found in a document stored before claims were recorded have no owner: the first writer
 *   after the upgrade claims them (an open tab reconnecting after a deploy resumes its edits).
 */

import type { ClientIdClaim } from '../storage/DocStore.ts';

/** The owner of client ids the server itself writes under. Never a user id (user ids have no '@' prefix). */
export const SERVER_WRITER = '@server';

type Claim = ClientIdClaim;

export class ClientIds {
  private readonly owners: Map<number, string>;

  constructor(stored: ReadonlyMap<number, string>) {
    this.owners = new Map(stored);
  }

  ownerOf(client: number): string | undefined {
    return this.owners.get(client);
  }

  /**
   * Why `userId` may not write under `writers`, or null when it may. `announcedBy` tells who a
   * live connection announced a client id as (awareness), if anyone.
   */
  refusal(
    writers: readonly number[],
    userId: string,
    announcedBy: (client: number) => string | undefined,
  ): string | null {
    for (const client of writers) {
      const owner = this.owners.get(client) ?? announcedBy(client);
      if (owner !== undefined && owner !== userId)
        return 'the update writes under a client id that belongs to someone else';
    }
    return null;
  }

  /** The claims `owner` makes by writing under `writers`: the ids nobody owns yet. */
  newClaims(writers: readonly number[], owner: string): Claim[] {
    const claims: Claim[] = [];
    for (const client of writers) if (!this.owners.has(client)) claims.push([client, owner]);
    return claims;
  }

  record(claims: readonly Claim[]): void {
    for (const [client, owner] of claims) this.owners.set(client, owner);
  }
}
