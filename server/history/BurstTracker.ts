/**
 * Watches edits per document and calls `onDue(docId)` when an automatic version is due
 * (burst.ts decides when). Also remembers who changed each document since its last version, so
 * a version can say whose work it holds.
 *
 * What must stay true: `take` is called in the same synchronous step as reading the document's
 * state, so every change is either in the version being taken (and its author listed there) or
 * counted towards the next one, never lost in between.
 */
import { CLEAN, decideAutoCapture, noteChange, noteVersion, type BurstState, type CaptureTimings } from './burst.ts';

export interface Person {
  id: string;
  name: string;
}

/** Time and timers, injected so tests can drive them. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface DocTrack {
  state: BurstState;
  authors: Map<string, Person>;
  timer: unknown;
  /** When the timer fires; a change that moves the due time later reschedules it. */
  timerAt: number | null;
}

export class BurstTracker {
  private readonly docs = new Map<string, DocTrack>();
  private closed = false;

  constructor(
    private readonly timings: CaptureTimings,
    private readonly clock: Clock,
    private readonly onDue: (docId: string) => void,
  ) {}

  /** A change to `docId`; `author` is null for changes made by the server itself. */
  noteChange(docId: string, author: Person | null): void {
    if (this.closed) return;
    const track = this.track(docId);
    track.state = noteChange(track.state, this.clock.now());
    if (author) track.authors.set(author.id, author);
    this.schedule(docId, track);
  }

  /** Who changed `docId` since its last version, and marks it versioned now. */
  take(docId: string, kind: 'auto' | 'named' | 'restore'): Person[] {
    const track = this.track(docId);
    const authors = [...track.authors.values()];
    track.authors.clear();
    track.state = noteVersion(track.state, this.clock.now(), kind);
    this.cancel(track);
    return authors;
  }

  /** Whether `docId` has changes no version holds yet (tests, diagnostics). */
  isDirty(docId: string): boolean {
    return this.docs.get(docId)?.state.dirtySince != null;
  }

  close(): void {
    this.closed = true;
    for (const track of this.docs.values()) this.cancel(track);
  }

  private track(docId: string): DocTrack {
    let t = this.docs.get(docId);
    if (!t) {
      t = { state: { ...CLEAN }, authors: new Map(), timer: null, timerAt: null };
      this.docs.set(docId, t);
    }
    return t;
  }

  private cancel(track: DocTrack): void {
    if (track.timer !== null) this.clock.clearTimeout(track.timer);
    track.timer = null;
    track.timerAt = null;
  }

  private schedule(docId: string, track: DocTrack): void {
    if (this.closed) return;
    const now = this.clock.now();
    const decision = decideAutoCapture(track.state, now, this.timings);
    const at = decision.capture ? now : decision.checkAt;
    if (at === null) return this.cancel(track);
    // A timer due no later than `at` stays: when it fires it re-checks and moves on. So a burst of
    // edits costs no timer churn, only a comparison per change.
    if (track.timerAt !== null && track.timerAt <= at) return;
    this.cancel(track);
    track.timerAt = at;
    track.timer = this.clock.setTimeout(() => this.fire(docId, track), Math.max(0, at - now));
  }

  private fire(docId: string, track: DocTrack): void {
    track.timer = null;
    track.timerAt = null;
    if (this.closed) return;
    const decision = decideAutoCapture(track.state, this.clock.now(), this.timings);
    if (decision.capture) this.onDue(docId);
    else this.schedule(docId, track);
  }
}
