/**
 * Generators of hostile y-websocket frames for the protocol fuzzer, seeded so a failing run can
 * be replayed (`FUZZ_SEED`). Each frame is labelled with the strategy that made it, so the test
 * can report what it sent. Strategies cover what CONTRACT 5 says must change nothing: frames that
 * do not decode, decode into nonsense, claim absurd lengths, or are simply too big; and a share of
 * mutated frames that still decode and exercise the inspector and Yjs itself.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { getObjectivesMap, getMeta, getVision } from '../../shared/schema.ts';

/** mulberry32: tiny, fast, good enough to spread mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Valid updates of every kind the schema has, made by a throwaway client: mutation seeds. The
 * client id comes from the caller, so a seeded run sends the same bytes every time.
 */
export function buildCorpus(clientID: number): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('fuzz corpus line')]);
  getVision(doc).push([p]);
  (p.get(0) as Y.XmlText).format(0, 4, { bold: true });
  p.setAttribute('textAlign', 'center');
  const o = new Y.Map<unknown>();
  getObjectivesMap(doc).set('obj-fuzz', o);
  o.set('title', 'fuzzed objective');
  o.set('order', 3);
  getMeta(doc).set('title', 'fuzz');
  getVision(doc).delete(0, 1);
  doc.getArray('not-in-schema').push([1, 'two', { three: 3 }]);
  out.push(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return out;
}

export type Strategy =
  | 'random-bytes'
  | 'sync-garbage-payload'
  | 'sync-mutated-update'
  | 'sync-decodable-mutation'
  | 'awareness-bad-json'
  | 'auth-junk'
  | 'sync-truncated-update'
  | 'huge-varint'
  | 'awareness-wrong-types'
  | 'awareness-garbage'
  | 'unknown-type'
  | 'sync-step1-garbage'
  | 'valid-update'
  | 'oversized'
  | 'text-frame';

export interface FuzzFrame {
  strategy: Strategy;
  data: Uint8Array | string;
}

export function frameGenerator(seed: number, maxMessageBytes: number): () => FuzzFrame {
  const rand = prng(seed);
  const corpus = buildCorpus(1 + Math.floor(rand() * 2 ** 31));
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  };
  const enc = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  const syncFrame = (type: number, payload: Uint8Array) =>
    enc((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, type);
      encoding.writeVarUint8Array(e, payload);
    });
  const mutate = (src: Uint8Array) => {
    const b = Array.from(src);
    const edits = 1 + int(4);
    for (let i = 0; i < edits; i++) {
      const at = int(b.length + 1);
      switch (int(4)) {
        case 0:
          if (b.length) b[at % b.length] ^= 1 << int(8);
          break;
        case 1:
          b.splice(at, 0, int(256));
          break;
        case 2:
          b.splice(at, 1);
          break;
        default:
          if (b.length) b[at % b.length] = pick([0, 0x7f, 0x80, 0xff]);
      }
    }
    return Uint8Array.from(b);
  };
  const hugeVarint = () => {
    // Lengths and counts far beyond the message, in every position a length appears.
    const huge = pick([2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, 0x7fffffff]);
    switch (int(5)) {
      case 0:
        return enc((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, huge);
        });
      case 1:
        return enc((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, huge);
        });
      case 2:
        return enc((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(
            e,
            enc((a) => encoding.writeVarUint(a, huge)),
          );
        });
      case 3:
        return Uint8Array.from([0, 2, ...new Array(12).fill(0xff), 1]); // unterminated varint
      default:
        return syncFrame(
          2,
          enc((u) => {
            encoding.writeVarUint(u, huge);
            encoding.writeVarUint(u, huge);
          }),
        );
    }
  };
  const awarenessWrongTypes = () => {
    const states = [
      '[]',
      '42',
      '"str"',
      'true',
      '{"user":{"id":"forged"}}',
      '{"user":null}',
      '{"__proto__":{"x":1}}',
      `{"big":"${'x'.repeat(5000)}"}`,
      'null',
      '{}',
      '{"cursor":{"anchor":-1}}',
    ];
    return enc((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        enc((a) => {
          const n = 1 + int(3);
          encoding.writeVarUint(a, n);
          for (let i = 0; i < n; i++) {
            encoding.writeVarUint(a, pick([int(2 ** 32), 0, 1, 2 ** 53 - 1]));
            encoding.writeVarUint(a, int(2 ** 31));
            encoding.writeVarString(a, pick(states));
          }
        }),
      );
    });
  };

  /** A mutation of a corpus update that still decodes: it reaches the inspector and Yjs. */
  const decodableMutation = () => {
    for (let i = 0; i < 20; i++) {
      const m = mutate(pick(corpus));
      try {
        Y.decodeUpdate(m);
        return m;
      } catch {
        /* try another */
      }
    }
    return pick(corpus);
  };

  return () => {
    const r = int(100);
    // About an eighth of the frames cannot be decoded at all (the socket is closed 1007/1009)...
    if (r < 2) return { strategy: 'random-bytes', data: bytes(int(48)) };
    if (r < 4) return { strategy: 'sync-garbage-payload', data: syncFrame(pick([0, 1, 2, 3, 9]), bytes(int(64))) };
    if (r < 6) {
      const u = pick(corpus);
      return { strategy: 'sync-truncated-update', data: syncFrame(2, u.slice(0, int(u.length))) };
    }
    if (r < 8) return { strategy: 'huge-varint', data: hugeVarint() };
    if (r < 9)
      return {
        strategy: 'awareness-garbage',
        data: enc((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, bytes(int(40)));
        }),
      };
    if (r < 10)
      return {
        strategy: 'unknown-type',
        data: enc((e) => {
          encoding.writeVarUint(e, pick([4, 5, 100, 2 ** 31, 2 ** 40]));
          encoding.writeUint8Array(e, bytes(int(8)));
        }),
      };
    if (r < 11) return { strategy: 'oversized', data: new Uint8Array(maxMessageBytes + 1 + int(1024)) };
    if (r < 12) return { strategy: 'text-frame', data: 'not binary' };
    if (r < 14) return { strategy: 'sync-mutated-update', data: syncFrame(pick([1, 2]), mutate(pick(corpus))) };
    // ...some decode into updates that reach the inspector and Yjs (denied, held or applied)...
    if (r < 26) return { strategy: 'sync-decodable-mutation', data: syncFrame(pick([1, 2]), decodableMutation()) };
    if (r < 30) return { strategy: 'valid-update', data: syncFrame(2, pick(corpus)) };
    if (r < 32)
      return {
        strategy: 'awareness-bad-json',
        data: enc((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(
            e,
            enc((a) => {
              encoding.writeVarUint(a, 1);
              encoding.writeVarUint(a, int(2 ** 31));
              encoding.writeVarUint(a, 1);
              encoding.writeVarString(a, pick(['{"a":', '{', 'nul', '\u0000']));
            }),
          );
        }),
      };
    // ...and most are well-formed frames with the wrong things inside, which must be shrugged off.
    if (r < 75) return { strategy: 'awareness-wrong-types', data: awarenessWrongTypes() };
    if (r < 92)
      return {
        strategy: 'sync-step1-garbage',
        data: syncFrame(
          0,
          pick([
            Y.encodeStateVector(new Y.Doc()),
            enc((e) => {
              encoding.writeVarUint(e, 1);
              encoding.writeVarUint(e, int(2 ** 31));
              encoding.writeVarUint(e, pick([0, 2 ** 40, 2 ** 53 - 1]));
            }),
          ]),
        ),
      };
    return {
      strategy: 'auth-junk',
      data: enc((e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, int(2 ** 31));
        encoding.writeUint8Array(e, bytes(int(16)));
      }),
    };
  };
}
