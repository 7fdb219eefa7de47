/**
 * The permission stage of the sync pipeline (CONTRACT 6): decides whether one client update may
 * be applied to the live document, before anything of it is applied.
 *
 * Every new struct of the update and every live item its delete set removes is described as a
 * `Change` (root, key path, insert or delete, what is written, the project it touches) and judged
 * by the shared policy. The first denial wins; nothing partial is ever allowed.
 *
 * What must stay true:
 * - the cost follows the update, not the document: only the update's structs, the document items
 *   they reference (binary search) and the items its delete set covers are visited; the
 *   document is never cloned, encoded or walked;
 * - fail closed: unknown roots, subdocuments, references that resolve nowhere, gaps, cycles and
 *   anything else the resolver does not recognise are refused;
 * - what the document already holds is not judged: resent structs (ids below the document's
 *   state) and deletes of already-deleted or garbage-collected items are no-ops, so a member
 *   resending an update that contains an admin's old structs is not refused for them;
 * - an update that is allowed integrates completely (no pending structs or deletes).
 */
import * as Y from 'yjs';
import {
  decideChange,
  type Actor,
  type Change,
  type CommentFacts,
  type Decision,
  type PlanFacts,
  type ProjectFacts,
} from '../../shared/policy.ts';
import { Root, isRichTextSection, readLocks, readObjectiveLocks } from '../../shared/schema.ts';
import { MAX_RICH_TEXT_DEPTH, blockAttributeRefusal, blockRefusal, markRefusal } from '../../shared/richText.ts';
import { DOCUMENT_SECTION, DeleteRanges, Refused, UpdateIndex, type Struct } from './updateIndex.ts';
import type { DecodedUpdate, Verdict } from './types.ts';
import { UpdatePaths, contentKind, extendPath, type Container, type Location } from './updatePaths.ts';

/**
 * The update could not be decoded at all. The caller closes with 1007 (malformed message);
 * nothing was applied.
 */
export class MalformedUpdateError extends Error {
  constructor(cause: unknown) {
    super(`malformed update: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MalformedUpdateError';
  }
}

/**
 * Decides whether `actor` may apply the (v1) `update` to `doc`. Reads `doc`, never changes it.
 *
 * Throws `MalformedUpdateError` when the bytes do not decode (map it to close 1007). Any other
 * exception is a bug in the inspector; callers must treat it as a denial and apply nothing.
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  actor: Actor,
  /** The result of `Y.decodeUpdate(update)` when the caller already has it (saves a decode). */
  alreadyDecoded?: DecodedUpdate,
): Verdict {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, Array<{ clock: number; len: number }>> } };
  try {
    decoded = alreadyDecoded ?? Y.decodeUpdate(update);
  } catch (err) {
    throw new MalformedUpdateError(err);
  }
  try {
    return new Inspection(doc, actor, decoded.structs, decoded.ds.clients).run();
  } catch (err) {
    if (err instanceof Refused) return { ok: false, section: err.section, reason: err.message };
    throw err;
  }
}

/**
 * The latest "as of" date a progress entry may carry: today where the calendar is furthest ahead
 * (UTC+14), so nobody's today is refused as the future while tomorrow everywhere is.
 */
export function latestAsOf(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

class Inspection {
  private readonly index: UpdateIndex;
  private readonly paths: UpdatePaths;
  private facts: PlanFacts | undefined;
  private readonly deletes: DeleteRanges;
  private readonly insideDeletedCache = new Map<Container, boolean>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly actor: Actor,
    structs: Struct[],
    deletes: Map<number, Array<{ clock: number; len: number }>>,
  ) {
    this.index = new UpdateIndex(doc, structs);
    // Known before any judgement: deletes inside a type this update deletes are judged with it.
    this.deletes = new DeleteRanges(deletes);
    this.paths = new UpdatePaths(doc, this.index);
  }

  run(): Verdict {
    this.paths.resolveAll(this.index.integrationOrder());
    for (const s of this.index.newStructs()) if (s instanceof Y.Item) this.judgeInsert(s);
    // Content-free structs (GC, items landing in collected content) are not judged one by one,
    // so a role that may write nothing but comments must not get to store any other new struct.
    const writer = this.actor?.role === 'admin' || this.actor?.role === 'member';
    if (!writer && this.index.hasNewStructs() && !this.onlyComments())
      return { ok: false, section: DOCUMENT_SECTION, reason: 'viewers cannot change the plan' };
    for (const { client, from, to } of this.deletes.ranges()) this.judgeDeletedRange(client, from, to);
    return { ok: true };
  }

  /** Every new struct is an item that lands under the `comments` root (and was judged there). */
  private onlyComments(): boolean {
    for (const s of this.index.newStructs()) {
      if (!(s instanceof Y.Item)) return false;
      const r = this.paths.resolution(s);
      if (r.kind === 'void' || this.paths.locationOf(r.container).root !== Root.comments) return false;
    }
    return true;
  }

  /** The comment a change at `path` under `loc` touches; `self` is the item at `comments/<id>` itself. */
  private commentFor(
    loc: Location,
    path: readonly (string | null)[],
    self: () => CommentFacts | undefined,
  ): CommentFacts | undefined {
    if (loc.root !== Root.comments) return undefined;
    return path.length === 1 ? self() : this.paths.commentFacts(loc.comment);
  }

  private judge(change: Change): void {
    this.facts ??= {
      locks: readLocks(this.doc),
      objectiveLocks: readObjectiveLocks(this.doc),
      latestAsOf: latestAsOf(),
    };
    const decision: Decision = decideChange(this.actor, change, this.facts);
    if (!decision.allowed) throw new Refused(decision.section, decision.reason);
  }

  /** The project a change at `path` under `loc` touches; `self` is the item at `projects/<id>` itself. */
  private projectFor(
    loc: Location,
    path: readonly (string | null)[],
    self: () => ProjectFacts | undefined,
  ): ProjectFacts | undefined {
    if (loc.root !== Root.projects) return undefined;
    return path.length === 1 ? self() : this.paths.projectFacts(loc.project);
  }

  private judgeInsert(s: Y.Item): void {
    const r = this.paths.resolution(s);
    if (r.kind === 'void') return;
    const loc = this.paths.locationOf(r.container);
    if (s.content instanceof Y.ContentType && loc.depth >= MAX_RICH_TEXT_DEPTH) {
      throw new Refused(loc.root, `nested more than ${MAX_RICH_TEXT_DEPTH} levels deep`);
    }
    if (isRichTextSection(loc.root)) this.judgeRichText(loc.root, r.container, r.key, s.content);
    const path = extendPath(loc.path, r.key);
    this.judge({
      root: loc.root,
      path,
      op: 'insert',
      written: contentKind(s.content),
      inNewType: loc.isNew,
      project: this.projectFor(loc, path, () => this.paths.projectOfItem(s, false)),
      comment: this.commentFor(loc, path, () => this.paths.commentOfItem(s, false)),
    });
    // Writing a map key replaces (deletes) its current value: judge that as the delete it is.
    if (r.key !== null) {
      const current = this.paths.liveValueAt(r.container, r.key);
      if (current) this.judgeDelete(r.container, r.key, current, true);
    }
  }

  /**
   * Rich text holds what the editor's schema knows (shared/richText.ts): blocks by name with
   * their attributes, text with known formatting. Anything else the editors would delete on
   * sight, which a reader who may not write cannot do without being refused.
   */
  private judgeRichText(section: string, container: Container, key: string | null, content: Y.Item['content']): void {
    if (content instanceof Y.ContentDeleted) return; // a tombstone shows nothing
    const refuse = (reason: string): never => {
      throw new Refused(section, reason);
    };
    const element = (c: Y.Item['content']) =>
      c instanceof Y.ContentType && c.type instanceof Y.XmlElement ? c.type : null;
    const block = () => {
      const el = element(content);
      if (!el) return false;
      const why = blockRefusal(el.nodeName);
      if (why) refuse(why);
      return true;
    };
    // The container's kind: the section itself, a block, or a run of text.
    const type =
      typeof container === 'string'
        ? null
        : container instanceof Y.Item
          ? (container.content as Y.ContentType).type
          : container;
    if (type === null) {
      if (key !== null || !block()) refuse('rich text holds blocks at its top level, not inline content');
    } else if (type instanceof Y.XmlText) {
      if (key !== null) refuse('text runs carry no attributes');
      if (content instanceof Y.ContentString) return;
      if (content instanceof Y.ContentFormat) {
        const why = markRefusal(content.key, content.value);
        if (why) refuse(why);
        return;
      }
      refuse('text holds characters and formatting only');
    } else if (type instanceof Y.XmlElement) {
      if (key !== null) {
        const values = content instanceof Y.ContentAny || content instanceof Y.ContentJSON ? content.arr : null;
        if (!values || values.length !== 1) refuse(`the ${key.slice(0, 40)} attribute takes one value`);
        const why = blockAttributeRefusal(type.nodeName, key, values![0]);
        if (why) refuse(why);
        return;
      }
      if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) return;
      if (!block()) refuse('blocks hold blocks and text only');
    } else {
      refuse('rich text holds blocks and text only');
    }
  }

  private judgeDelete(container: Container, key: string | null, item: Y.Item, inDoc: boolean): void {
    if (this.insideDeleted(container)) return;
    const loc = this.paths.locationOf(container);
    const path = extendPath(loc.path, key);
    this.judge({
      root: loc.root,
      path,
      op: 'delete',
      inNewType: loc.isNew,
      project: this.projectFor(loc, path, () => this.paths.projectOfItem(item, inDoc)),
      comment: this.commentFor(loc, path, () => this.paths.commentOfItem(item, inDoc)),
    });
  }

  /**
   * Deleting a type deletes everything inside it, and clients list those inner items in the
   * delete set too. They are part of deleting the type, which is judged on its own (it is in the
   * delete set as well), so a member deleting their project is not refused for its `createdBy`.
   */
  private insideDeleted(container: Container): boolean {
    const seen: Container[] = [];
    let c: Container = container;
    let inside = false;
    while (typeof c !== 'string') {
      const cached = this.insideDeletedCache.get(c);
      if (cached !== undefined) {
        inside = cached;
        break;
      }
      seen.push(c);
      const item: Y.Item | null = c instanceof Y.Item ? c : c._item;
      if (item === null) break;
      if (item.deleted || this.deletes.has(item.id)) {
        inside = true;
        break;
      }
      if (c instanceof Y.Item) {
        const r = this.paths.resolution(c);
        if (r.kind === 'void') break;
        c = r.container;
      } else {
        const parent = item.parent as Y.AbstractType<unknown>;
        c = parent._item === null ? Y.findRootTypeKey(parent) : parent;
      }
    }
    for (const s of seen) this.insideDeletedCache.set(s, inside);
    return inside;
  }

  /** A delete-set range: the part the document has, then the part this update adds. */
  private judgeDeletedRange(client: number, from: number, to: number): void {
    if (!(to > from)) return;
    const { from: newFrom, to: newTo } = this.index.newRange(client);
    // Yjs parks deletes of ids nobody has yet and applies them unseen when the ids arrive.
    if (to > newTo) throw new Refused(DOCUMENT_SECTION, 'the update deletes changes the server does not have');
    if (from < newFrom) this.judgeDocDeletes(client, from, Math.min(to, newFrom));
    if (to > newFrom) {
      for (const s of this.index.structsBetween(client, Math.max(from, newFrom), to)) {
        if (!(s instanceof Y.Item) || s.content instanceof Y.ContentDeleted) continue;
        const r = this.paths.resolution(s);
        if (r.kind === 'slot') this.judgeDelete(r.container, r.key, s, false);
      }
    }
  }

  private judgeDocDeletes(client: number, from: number, to: number): void {
    const structs = this.doc.store.clients.get(client);
    if (!structs) return;
    for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i].id.clock < to; i++) {
      const item = structs[i];
      // Garbage-collected or already deleted: deleting again changes nothing.
      if (!(item instanceof Y.Item) || item.deleted) continue;
      if (!(item.parent instanceof Y.AbstractType))
        throw new Refused(DOCUMENT_SECTION, 'a document item without a parent');
      const parent = item.parent as Y.AbstractType<unknown>;
      this.judgeDelete(parent._item === null ? Y.findRootTypeKey(parent) : parent, item.parentSub, item, true);
    }
  }
}
