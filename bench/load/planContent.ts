/**
 * What bench clients read and write in a plan document, in the same Yjs shapes the editor uses
 * (shared/schema.ts): Tiptap keeps a paragraph as an XmlElement holding an XmlText, so "typing
 * into the vision" is inserting into the first paragraph's XmlText, as y-prosemirror would.
 */
import * as Y from 'yjs';
import { buildInitialPlan, getObjectivesMap, getVision } from '../../shared/schema.ts';

/** A fixed client id for seed content, so that every run stores byte-identical seed documents. */
const SEED_CLIENT_ID = 7;

/**
 * The plan the reference server and the floor start from: the same shape and about the same size
 * as Charter's demo plan (Charter builds its own through its configure path).
 */
export function buildSeedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID;
  const measure = { unit: '%', baseline: 82, target: 95, direction: 'increase' as const };
  buildInitialPlan(doc, {
    title: 'Acme Retail × Globex Supply',
    vision: [
      'Together, Acme Retail and Globex Supply keep every shelf stocked with what shoppers want, ' +
        'through one supply chain planned in the open, measured the same way on both sides, and ' +
        'improved every month.',
    ],
    objectives: [
      {
        title: 'Raise on-time, in-full delivery',
        description: 'Orders complete and inside the booked slot.',
        catalogId: 'cat_otif',
        measure,
        dueDate: '2027-06-30',
      },
      {
        title: 'Cut shelf stock-outs on fast movers',
        description: 'Top 500 products out of stock at opening.',
        catalogId: 'cat_stockouts',
        measure,
        dueDate: '2027-03-31',
      },
      {
        title: 'Shorten replenishment lead time',
        description: 'Days from a purchase order to goods received.',
        catalogId: 'cat_leadtime',
        measure,
        dueDate: '2027-09-30',
      },
    ],
    principles: ['We share forecasts and problems early.', 'Decisions that affect both companies are made together.'],
    behaviours: ['Raise a supply risk within one working day.', 'Review the joint scorecard every month.'],
    accountPlanProject: {
      name: 'Account Plan Project',
      description: 'The joint work that carries this plan.',
      createdBy: 'u_ada',
      activities: [
        { title: 'Agree one on-time, in-full definition', done: true, assignee: 'u_ada', dueDate: '2026-11-13' },
        {
          title: 'Run the first monthly joint scorecard review',
          done: false,
          assignee: 'u_cara',
          dueDate: '2027-01-15',
        },
      ],
    },
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The text of the vision's first paragraph, or null while the document has not arrived. */
export function visionText(doc: Y.Doc): Y.XmlText | null {
  const first = getVision(doc).get(0);
  if (!(first instanceof Y.XmlElement)) return null;
  const text = first.get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** The first objective's map (what the admin edits in the permissions workload), or null. */
export function firstObjective(doc: Y.Doc): Y.Map<unknown> | null {
  const objectives = getObjectivesMap(doc);
  const ids = [...objectives.keys()].sort();
  return ids.length ? (objectives.get(ids[0]) ?? null) : null;
}
