/**
 * The structs of one decoded update, grouped by client and checked against the document before
 * anything is judged: the update must integrate completely, right now, in some order. Yjs parks
 * what it cannot integrate (a gap in a client's clocks, a reference to a struct nobody has) as
 * "pending" and applies it silently when a later update fills the hole, without this inspection
 * seeing it again; and a reference to a later struct of the same client makes `applyUpdate` throw
 * half way. So both are refused here, and `integrationOrder` returns an order in which every
 * reference of a struct points at something already integrated, which the path resolver relies on.
 *
 * Cost: proportional to the update's structs, plus a binary search in the document's struct list
 * per reference (never a walk over the document).
 */
import * as Y from 'yjs';

export type Struct = Y.Item | Y.GC | Y.Skip;

/** An inspection verdict reached deep in a helper; `inspectUpdate` turns it into its result. */
export class Refused extends Error {
  constructor(
    readonly section: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Sections for refusals that happen before any root is known. */
export const DOCUMENT_SECTION = 'document';

interface ClientRun {
  structs: Struct[];
  start: number;
  /** One past the last clock the update holds for this client. */
  end: number;
}

/** Where an id lives once everything before it has been integrated. */
export type Found = { inDoc: true; struct: Y.Item | Y.GC } | { inDoc: false; struct: Y.Item | Y.GC };

const refuse = (reason: string): never => {
  throw new Refused(DOCUMENT_SECTION, reason);
};

/** The item's references to other structs: what `Item.getMissing` looks up before integrating. */
export function referencesOf(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const refs: Y.ID[] = [];
  if (struct.origin) refs.push(struct.origin);
  if (struct.rightOrigin) refs.push(struct.rightOrigin);
  if (struct.parent instanceof Y.ID) refs.push(struct.parent);
  return refs;
}

export class UpdateIndex {
  private readonly runs = new Map<number, ClientRun>();
  private readonly docStates = new Map<number, number>();
  readonly structCount: number;

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly Struct[],
  ) {
    for (const s of structs) {
      // Skips only appear in merged updates; yjs ignores them and parks what follows as pending.
      if (s instanceof Y.Skip) refuse('the update has gaps (skip structs)');
      if (!(s.length > 0)) refuse('the update holds an empty struct');
      const client = s.id.client;
      let run = this.runs.get(client);
      if (!run) {
        run = { structs: [], start: s.id.clock, end: s.id.clock };
        this.runs.set(client, run);
        if (run.start > this.docState(client)) refuse('the update builds on changes the server does not have');
      }
      // Yjs keeps only the last section of a client listed twice: never let the two disagree.
      if (s.id.clock !== run.end) refuse('the update lists a client twice');
      run.structs.push(s);
      run.end += s.length;
    }
    this.structCount = structs.length;
  }

  /** The document's clock for `client` before this update: ids below it are already integrated. */
  docState(client: number): number {
    let state = this.docStates.get(client);
    if (state === undefined) {
      state = Y.getState(this.doc.store, client);
      this.docStates.set(client, state);
    }
    return state;
  }

  /** True when the update holds something the document does not have yet. */
  hasNewStructs(): boolean {
    for (const [client, run] of this.runs) if (run.end > this.docState(client)) return true;
    return false;
  }

  /** The update's structs that extend the document (wholly or in part), in update order. */
  *newStructs(): Generator<Y.Item | Y.GC> {
    for (const [client, run] of this.runs) {
      const state = this.docState(client);
      for (const s of run.structs) if (s.id.clock + s.length > state) yield s;
    }
  }

  /**
   * The struct holding `id`: the document's when it already has that clock (the document, not a
   * resent copy, is what yjs integrates against), else the update's; null when neither has it.
   */
  find(id: Y.ID): Found | null {
    if (id.clock < this.docState(id.client)) {
      const structs = this.doc.store.clients.get(id.client) as Array<Y.Item | Y.GC>;
      return { inDoc: true, struct: structs[Y.findIndexSS(structs, id.clock)] };
    }
    const run = this.runs.get(id.client);
    if (!run || id.clock >= run.end || id.clock < run.start) return null;
    const structs = run.structs;
    let lo = 0;
    let hi = structs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = structs[mid];
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return { inDoc: false, struct: s };
    }
    return null;
  }

  /** Each client's clock ranges the update adds: `[docState, end)`, or nothing. */
  newRange(client: number): { from: number; to: number } {
    const from = this.docState(client);
    const run = this.runs.get(client);
    return { from, to: run ? Math.max(from, run.end) : from };
  }

  /** The update's struct holding a clock of `client` at or after the document's state. */
  *structsBetween(client: number, from: number, to: number): Generator<Y.Item | Y.GC> {
    const run = this.runs.get(client);
    if (!run) return;
    for (const s of run.structs) {
      if (s.id.clock >= to) return;
      if (s.id.clock + s.length > from) yield s;
    }
  }

  /**
   * An order in which yjs integrates every struct at once (each client's structs stay in clock
   * order; a struct waits for the other clients' structs it references), or a refusal when the
   * update references what nobody has, or what can only come later (a cycle).
   */
  integrationOrder(): Array<Y.Item | Y.GC> {
    const order: Array<Y.Item | Y.GC> = [];
    const reached = new Map<number, number>();
    const stateOf = (client: number) => reached.get(client) ?? this.docState(client);
    const cursor = new Map<number, number>();
    const waiting = new Map<number, number[]>();
    const queue = [...this.runs.keys()];
    // A legitimate update takes a handful of passes; a tangle crafted to take quadratic time is refused.
    let budget = 8 * this.structCount + 1024;

    /** The first reference of `s` to another client that is not integrated yet, if any. */
    const blockedOn = (s: Struct): number | null => {
      const own = s.id.client;
      for (const ref of referencesOf(s)) {
        if (ref.client === own) {
          // Yjs does not wait for its own client: the struct must already exist.
          if (ref.clock >= Math.max(s.id.clock, this.docState(own))) refuse('the update refers forward to itself');
          continue;
        }
        if (ref.clock < stateOf(ref.client)) continue;
        const run = this.runs.get(ref.client);
        if (!run || ref.clock >= run.end) refuse('the update refers to changes the server does not have');
        return ref.client;
      }
      return null;
    };

    while (queue.length > 0) {
      const client = queue.pop() as number;
      const structs = (this.runs.get(client) as ClientRun).structs;
      const before = cursor.get(client) ?? 0;
      let i = before;
      while (i < structs.length) {
        if (--budget < 0) refuse('the update is too entangled to inspect');
        const s = structs[i];
        const blocker = blockedOn(s);
        if (blocker !== null) {
          const list = waiting.get(blocker) ?? [];
          list.push(client);
          waiting.set(blocker, list);
          break;
        }
        order.push(s);
        reached.set(client, Math.max(stateOf(client), s.id.clock + s.length));
        i++;
      }
      cursor.set(client, i);
      const woken = waiting.get(client);
      if (i > before && woken) {
        waiting.delete(client);
        queue.push(...woken);
      }
    }
    if (order.length !== this.structCount) refuse('the update depends on itself in a cycle');
    return order;
  }
}

/**
 * The update's delete set as sorted, merged ranges per client, for membership tests. Built from a
 * copy: a crafted delete set need not be sorted, and an unsorted binary search could wrongly
 * report an id as deleted (and so excuse a change inside it from judgement).
 */
export class DeleteRanges {
  private readonly byClient = new Map<number, Array<{ from: number; to: number }>>();

  constructor(clients: Map<number, Array<{ clock: number; len: number }>>) {
    for (const [client, items] of clients) {
      // Yjs parks an empty range past the state as "pending" and throws writing it, half applied.
      if (items.some((d) => !(d.len > 0))) refuse('the update has an empty delete range');
      const sorted = items.map((d) => ({ from: d.clock, to: d.clock + d.len }));
      sorted.sort((a, b) => a.from - b.from);
      const merged: Array<{ from: number; to: number }> = [];
      for (const r of sorted) {
        const last = merged[merged.length - 1];
        if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
        else merged.push({ ...r });
      }
      this.byClient.set(client, merged);
    }
  }

  *ranges(): Generator<{ client: number; from: number; to: number }> {
    for (const [client, list] of this.byClient) for (const r of list) yield { client, ...r };
  }

  has(id: Y.ID): boolean {
    const list = this.byClient.get(id.client);
    if (!list) return false;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (id.clock < list[mid].from) hi = mid - 1;
      else if (id.clock >= list[mid].to) lo = mid + 1;
      else return true;
    }
    return false;
  }
}
