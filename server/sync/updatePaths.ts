/**
 * Where in the plan an update's structs land: every inserted item resolved to its container and
 * key, every container to its root and key path, exactly as yjs's `Item.getMissing` would place
 * the item (explicit `parent`, else inherited from the struct at `origin` / `rightOrigin`).
 *
 * A container is one of:
 * - a root name (an item that names its parent by root key),
 * - an integrated `Y.AbstractType` of the document,
 * - a `Y.Item` of the update whose content is a new type (created by the same update).
 *
 * What must stay true:
 * - items are resolved in an integration order (see `UpdateIndex.integrationOrder`), so every
 *   update struct an item references is resolved before it; nothing here recurses;
 * - an item that yjs would turn into a GC struct (its neighbour or parent is a GC, i.e. it lands
 *   inside something already garbage-collected) is `void`: it changes nothing and is not judged;
 * - anything yjs would resolve differently from us, or not at all, is refused;
 * - locations of document types are cached forever: a type never moves in Yjs.
 */
import * as Y from 'yjs';
import {
  RULE_PATH_DEPTH,
  type CommentFacts,
  type PathKey,
  type ProjectFacts,
  type Written,
} from '../../shared/policy.ts';
import { Root } from '../../shared/schema.ts';
import { DOCUMENT_SECTION, Refused, type UpdateIndex } from './updateIndex.ts';

export type Container = string | Y.AbstractType<unknown> | Y.Item;

export type Resolution = { kind: 'slot'; container: Container; key: string | null } | { kind: 'void' };

export interface Location {
  root: string;
  /** Keys from the root to this container, truncated after RULE_PATH_DEPTH + 1 (see shared/policy.ts). */
  path: readonly PathKey[];
  /** Created by the update being inspected. */
  isNew: boolean;
  /** The `projects/<id>` map this container is, or is inside. */
  project: Container | null;
  /** The `comments/<id>` map this container is, or is inside. */
  comment: Container | null;
  /** How many types deep below its root the container is (a root is 0); never truncated. */
  depth: number;
}

const VOID: Resolution = { kind: 'void' };
const docLocations = new WeakMap<Y.AbstractType<unknown>, Location>();

const refuse = (reason: string): never => {
  throw new Refused(DOCUMENT_SECTION, reason);
};

/** A path one key longer, kept short enough for the rules (which deny anything longer anyway). */
export function extendPath(path: readonly PathKey[], key: PathKey): readonly PathKey[] {
  return path.length > RULE_PATH_DEPTH ? path : [...path, key];
}

function childLocation(parent: Location, key: PathKey, self: Container, isNew: boolean): Location {
  const path = extendPath(parent.path, key);
  const project = parent.project ?? (parent.root === Root.projects && path.length === 1 ? self : null);
  const comment = parent.comment ?? (parent.root === Root.comments && path.length === 1 ? self : null);
  return { root: parent.root, path, isNew, project, comment, depth: parent.depth + 1 };
}

/** Root types are containers by name, whichever way an item reached them. */
function normalise(type: Y.AbstractType<unknown>): Container {
  return type._item === null ? Y.findRootTypeKey(type) : type;
}

function docTypeLocation(type: Y.AbstractType<unknown>): Location {
  const chain: Y.AbstractType<unknown>[] = [];
  let t = type;
  let base: Location | undefined;
  for (;;) {
    base = docLocations.get(t);
    if (base) break;
    const item = t._item;
    if (item === null) {
      base = { root: Y.findRootTypeKey(t), path: [], isNew: false, project: null, comment: null, depth: 0 };
      docLocations.set(t, base);
      break;
    }
    if (!(item.parent instanceof Y.AbstractType)) refuse('a document type without a parent');
    chain.push(t);
    t = item.parent as Y.AbstractType<unknown>;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const child = chain[i];
    base = childLocation(base, (child._item as Y.Item).parentSub, child, false);
    docLocations.set(child, base);
  }
  return base;
}

export function contentKind(content: Y.Item['content']): Written {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON)
    return { kind: 'values', values: content.arr };
  if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) {
    return { kind: 'text' };
  }
  if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
  if (content instanceof Y.ContentType) {
    const t = content.type;
    // Subclasses first: XmlText is a Text, XmlHook a Map, XmlElement an XmlFragment.
    if (t instanceof Y.XmlText) return { kind: 'type', type: 'xmlText' };
    if (t instanceof Y.XmlHook) return { kind: 'type', type: 'xmlHook' };
    if (t instanceof Y.XmlElement) return { kind: 'type', type: 'xmlElement' };
    if (t instanceof Y.XmlFragment) return { kind: 'type', type: 'xmlFragment' };
    if (t instanceof Y.Text) return { kind: 'type', type: 'text' };
    if (t instanceof Y.Map) return { kind: 'type', type: 'map' };
    if (t instanceof Y.Array) return { kind: 'type', type: 'array' };
  }
  return { kind: 'other' };
}

const sameSlot = (a: Resolution, b: Resolution) =>
  a.kind === 'slot' && b.kind === 'slot' && a.container === b.container && a.key === b.key;

/** Fields of new projects as the update writes them, for the rule on who creates what. */
interface NewProjectWrites {
  createdBy: Set<unknown>;
  isAccountPlanProject: boolean;
}

/** Fields of new comments as the update writes them, for the rules on authorship and resolving. */
interface NewCommentWrites {
  author: Set<unknown>;
  thread: Set<unknown>;
}

export class UpdatePaths {
  private readonly resolved = new Map<Y.Item, Resolution>();
  private readonly newLocations = new Map<Y.Item, Location>();
  private readonly newProjects = new Map<Y.Item, NewProjectWrites>();
  private readonly newComments = new Map<Y.Item, NewCommentWrites>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly index: UpdateIndex,
  ) {}

  /** Resolves the update's new structs; `order` must be an integration order. */
  resolveAll(order: Iterable<Y.Item | Y.GC>): void {
    for (const s of order) {
      if (!(s instanceof Y.Item) || s.id.clock + s.length <= this.index.docState(s.id.client)) continue;
      if (s.content instanceof Y.ContentDoc) throw new Refused(DOCUMENT_SECTION, 'subdocuments are not allowed');
      const r = this.resolveItem(s);
      this.resolved.set(s, r);
      if (r.kind === 'void') continue;
      if (s.content instanceof Y.ContentType) {
        this.newLocations.set(s, childLocation(this.locationOf(r.container), r.key, s, true));
      }
      this.noteProjectField(s, r);
      this.noteCommentField(s, r);
    }
  }

  resolution(item: Y.Item): Resolution {
    const r = this.resolved.get(item);
    if (!r) return refuse('an item of the update was not resolved');
    return r;
  }

  /** Mirrors `Item.getMissing`: neighbours decide the parent when they exist, else `parent`. */
  private resolveItem(s: Y.Item): Resolution {
    if (s.origin || s.rightOrigin) {
      const left = s.origin ? this.slotAt(s.origin) : null;
      const right = s.rightOrigin ? this.slotAt(s.rightOrigin) : null;
      if (left?.kind === 'void' || right?.kind === 'void') return VOID;
      // Yjs takes the left's parent and links to the right: both must be in the same list.
      if (left && right && !sameSlot(left, right)) refuse('an item between neighbours of different parents');
      return (left ?? right) as Resolution;
    }
    const parent = s.parent as unknown;
    if (typeof parent === 'string') return { kind: 'slot', container: parent, key: s.parentSub };
    if (parent instanceof Y.ID) {
      const container = this.typeAt(parent);
      return container === null ? VOID : { kind: 'slot', container, key: s.parentSub };
    }
    return refuse('an item without a parent');
  }

  /** The slot of the struct holding `id` (an origin): void when it is garbage-collected. */
  private slotAt(id: Y.ID): Resolution {
    const found = this.index.find(id);
    if (!found) return refuse('a reference to a change the server does not have');
    const { struct } = found;
    if (struct instanceof Y.GC) return VOID;
    if (found.inDoc) {
      if (!(struct.parent instanceof Y.AbstractType)) return refuse('a document item without a parent');
      return { kind: 'slot', container: normalise(struct.parent), key: struct.parentSub };
    }
    return this.resolution(struct);
  }

  /** The type created by the item at `id` (a parent reference): null when it is garbage-collected. */
  private typeAt(id: Y.ID): Container | null {
    const found = this.index.find(id);
    if (!found) return refuse('a reference to a change the server does not have');
    const { struct } = found;
    if (struct instanceof Y.GC) return null;
    if (!(struct.content instanceof Y.ContentType) || struct.id.clock !== id.clock) {
      return refuse('a parent that is not a shared type');
    }
    if (found.inDoc) return normalise(struct.content.type as Y.AbstractType<unknown>);
    return this.resolution(struct).kind === 'void' ? null : struct;
  }

  locationOf(container: Container): Location {
    if (typeof container === 'string')
      return { root: container, path: [], isNew: false, project: null, comment: null, depth: 0 };
    if (container instanceof Y.Item) {
      const loc = this.newLocations.get(container);
      return loc ?? refuse('a new type that was not resolved');
    }
    return docTypeLocation(container);
  }

  /** The current value at a map key of a document container, if it is live. */
  liveValueAt(container: Container, key: string): Y.Item | null {
    if (container instanceof Y.Item) return null;
    const type = typeof container === 'string' ? this.doc.share.get(container) : container;
    const item = type?._map.get(key);
    return item && !item.deleted ? item : null;
  }

  private noteProjectField(s: Y.Item, r: Resolution & { kind: 'slot' }): void {
    if (!(r.container instanceof Y.Item) || (r.key !== 'createdBy' && r.key !== 'isAccountPlanProject')) return;
    let w = this.newProjects.get(r.container);
    if (!w) {
      w = { createdBy: new Set(), isAccountPlanProject: false };
      this.newProjects.set(r.container, w);
    }
    const written = contentKind(s.content);
    if (written.kind !== 'values') return;
    if (r.key === 'createdBy') written.values.forEach((v) => w.createdBy.add(v));
    else if (written.values.some((v) => v === true)) w.isAccountPlanProject = true;
  }

  private noteCommentField(s: Y.Item, r: Resolution & { kind: 'slot' }): void {
    if (!(r.container instanceof Y.Item) || (r.key !== 'author' && r.key !== 'thread')) return;
    if (this.locationOf(r.container).root !== Root.comments) return;
    let w = this.newComments.get(r.container);
    if (!w) {
      w = { author: new Set(), thread: new Set() };
      this.newComments.set(r.container, w);
    }
    const written = contentKind(s.content);
    // Anything but one plain value leaves the field unknown, which the rules treat as no value.
    const into = r.key === 'author' ? w.author : w.thread;
    if (written.kind === 'values' && written.values.length === 1) into.add(written.values[0]);
    else into.add(undefined);
  }

  /** Facts about the comment a container is (a document map, or a map the update creates). */
  commentFacts(comment: Container | null): CommentFacts | undefined {
    if (comment instanceof Y.Item) {
      if (!(comment.content instanceof Y.ContentType && comment.content.type instanceof Y.Map)) return undefined;
      const w = this.newComments.get(comment);
      // Several values written for one field in one update is no value at all.
      const one = (set: Set<unknown> | undefined) => (set && set.size === 1 ? [...set][0] : undefined);
      const author = one(w?.author);
      const thread = one(w?.thread);
      return {
        isNew: true,
        author: typeof author === 'string' ? author : undefined,
        thread: typeof thread === 'string' || thread === null ? thread : undefined,
      };
    }
    if (comment instanceof Y.Map) {
      const author = comment.get('author');
      const thread = comment.get('thread');
      return {
        isNew: false,
        author: typeof author === 'string' ? author : undefined,
        thread: typeof thread === 'string' || thread === null ? thread : undefined,
      };
    }
    return undefined;
  }

  /** The comment an item at `comments/<id>` is, whether the document's or the update's. */
  commentOfItem(item: Y.Item, inDoc: boolean): CommentFacts | undefined {
    if (!(item.content instanceof Y.ContentType)) return undefined;
    return this.commentFacts(inDoc ? (item.content.type as Y.AbstractType<unknown>) : item);
  }

  /** Facts about the project a container is (a document map, or a map the update creates). */
  projectFacts(project: Container | null): ProjectFacts | undefined {
    if (project instanceof Y.Item) {
      if (!(project.content instanceof Y.ContentType && project.content.type instanceof Y.Map)) return undefined;
      const w = this.newProjects.get(project);
      // Several different creators written in one update is no creator at all.
      const only = w && w.createdBy.size === 1 ? [...w.createdBy][0] : undefined;
      return {
        isNew: true,
        createdBy: typeof only === 'string' ? only : undefined,
        isAccountPlanProject: !!w?.isAccountPlanProject,
      };
    }
    if (project instanceof Y.Map) {
      const createdBy = project.get('createdBy');
      return {
        isNew: false,
        createdBy: typeof createdBy === 'string' ? createdBy : undefined,
        isAccountPlanProject: project.get('isAccountPlanProject') === true,
      };
    }
    return undefined;
  }

  /** The project an item at `projects/<id>` is, whether the document's or the update's. */
  projectOfItem(item: Y.Item, inDoc: boolean): ProjectFacts | undefined {
    if (!(item.content instanceof Y.ContentType)) return undefined;
    return this.projectFacts(inDoc ? (item.content.type as Y.AbstractType<unknown>) : item);
  }
}
