/**
 * What judging one update costs as the document grows: the normalising stage and the inspector
 * (server/sync/normaliseUpdate.ts, inspectUpdate.ts) on the same small edits against a 10 KB plan
 * and a 5 MB plan. The target (issue 13) is a cost that follows the update, not the document:
 * the 5 MB / 10 KB ratio stays under 2.
 *
 *   node --import tsx bench/inspection.ts            # prints a table; bounded (a few seconds)
 *
 * Method: each edit is judged `ITERATIONS` times in a row (never applied, so the document does not
 * change), timed with process.hrtime; that is repeated `ROUNDS` times alternating the two sizes,
 * and the report gives the median per-judgement time and the median and spread of the ratio.
 */
import * as Y from 'yjs';
import { inspectUpdate } from '../server/sync/inspectUpdate.ts';
import { normaliseUpdate } from '../server/sync/normaliseUpdate.ts';
import {
  addActivity,
  addProgress,
  buildInitialPlan,
  getVision,
  readObjectives,
  readProjects,
} from '../shared/schema.ts';

const ITERATIONS = Number(process.env.BENCH_INSPECT_ITERATIONS ?? 2000);
const ROUNDS = Number(process.env.BENCH_INSPECT_ROUNDS ?? 7);
const MEMBER = { userId: 'u_ben', role: 'member' as const };

function plan(targetBytes: number): Y.Doc {
  const doc = new Y.Doc();
  buildInitialPlan(doc, {
    title: 'Bench plan',
    vision: ['Grow together.'],
    objectives: [
      {
        title: 'Fill rate',
        description: '',
        catalogId: null,
        measure: { unit: '%', baseline: 80, target: 95, direction: 'increase' },
        dueDate: null,
      },
    ],
    principles: ['Be open'],
    behaviours: ['Meet monthly'],
    accountPlanProject: {
      name: 'APP',
      description: '',
      createdBy: 'u_ada',
      activities: [{ title: 'Kick-off', done: false, assignee: null, dueDate: null }],
    },
  });
  // Grow the document the way people do: paragraphs typed over time, activities, progress.
  const line = 'We deliver complete orders on time and tell each other early when we cannot. ';
  const app = readProjects(doc).find((p) => p.isAccountPlanProject)!.id;
  const objective = readObjectives(doc)[0].id;
  for (let i = 0; Y.encodeStateAsUpdate(doc).length < targetBytes; i++) {
    doc.transact(() => {
      for (let k = 0; k < 50; k++) {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(`${i}.${k} ${line}`)]);
        getVision(doc).push([p]);
      }
      addActivity(doc, app, { title: `Step ${i}`, done: false, assignee: null, dueDate: null });
      addProgress(doc, objective, { value: i % 100, at: new Date(0).toISOString(), by: 'u_ben' });
    });
  }
  return doc;
}

/** Small edits a member makes, as their client would send them against `server`. */
function edits(server: Y.Doc): Record<string, Uint8Array> {
  const edit = (fn: (d: Y.Doc) => void) => {
    const c = new Y.Doc();
    Y.applyUpdate(c, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(c);
    fn(c);
    return Y.encodeStateAsUpdate(c, sv);
  };
  const firstText = (d: Y.Doc) => (getVision(d).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return {
    'type a character': edit((d) => firstText(d).insert(3, 'x')),
    'delete a word': edit((d) => firstText(d).delete(0, 5)),
    'add a paragraph': edit((d) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('A new line.')]);
      getVision(d).insert(1, [p]);
    }),
    'add an activity': edit((d) =>
      addActivity(d, readProjects(d).find((p) => p.isAccountPlanProject)!.id, {
        title: 'New',
        done: false,
        assignee: null,
        dueDate: '2027-01-31',
      }),
    ),
  };
}

function judgeNs(doc: Y.Doc, update: Uint8Array): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) {
    const normal = normaliseUpdate(doc, Y.decodeUpdate(update));
    if (!normal) throw new Error('edit is empty');
    const verdict = inspectUpdate(doc, normal.update, MEMBER, normal.decoded);
    if (!verdict.ok) throw new Error(`edit refused: ${verdict.reason}`);
  }
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const small = plan(10 * 1024);
const big = plan(5 * 1024 * 1024);
const sizes = { small: Y.encodeStateAsUpdate(small).length, big: Y.encodeStateAsUpdate(big).length };
const smallEdits = edits(small);
const bigEdits = edits(big);
console.log(
  `inspection: ${(sizes.small / 1024).toFixed(0)} KB vs ${(sizes.big / 1024 / 1024).toFixed(1)} MB plan, ${ITERATIONS} judgements × ${ROUNDS} rounds\n`,
);
console.log('| edit | 10 KB (µs) | 5 MB (µs) | ratio median | ratio spread |');
console.log('|---|---|---|---|---|');
for (const name of Object.keys(smallEdits)) {
  const s: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  judgeNs(small, smallEdits[name]); // warm-up
  judgeNs(big, bigEdits[name]);
  for (let r = 0; r < ROUNDS; r++) {
    const ts = judgeNs(small, smallEdits[name]);
    const tb = judgeNs(big, bigEdits[name]);
    s.push(ts);
    b.push(tb);
    ratios.push(tb / ts);
  }
  const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  console.log(
    `| ${name} | ${(median(s) / 1000).toFixed(1)} | ${(median(b) / 1000).toFixed(1)} | ${median(ratios).toFixed(2)}× | ${spread} |`,
  );
}
