/**
 * "Compare with now": what changed from a version to the live plan, per section. Removed words are
 * struck through and added words highlighted, each with a hidden text label for screen readers and
 * a visible legend, so the change never depends on colour alone. Objectives and projects list
 * what was added, removed and which fields changed, from shared/planDiff.ts.
 */
import type { ReactNode } from 'react';
import type {
  FieldChange,
  ItemChange,
  ListDiff,
  PlanDiff,
  PlanSection,
  TextDiff,
  TextRun,
} from '../../../shared/planDiff.ts';
import type {
  ActivityData,
  Measure,
  Objective,
  ObjectiveLock,
  Project,
  ProjectStatus,
} from '../../../shared/schema.ts';
import { formatDate, formatMeasureValue } from '../plan/objectives/measure.ts';
import { PROJECT_STATUS_LABEL } from '../plan/projects/labels.ts';
import { PLAN_SECTION_LABELS } from './labels.ts';
import classes from './History.module.css';

export interface DiffNames {
  person: (id: string | null | undefined) => string;
  objective: (id: string) => string;
}

/** Page order, as the plan reads. */
const ORDER: PlanSection[] = ['title', 'vision', 'objectives', 'projects', 'principles', 'behaviours', 'progress'];

export function DiffView({ diff, names, idPrefix }: { diff: PlanDiff; names: DiffNames; idPrefix: string }) {
  const changed = ORDER.filter((s) => diff[s].changed);
  const unchanged = ORDER.filter((s) => !diff[s].changed && s !== 'progress' && s !== 'title');
  return (
    <div className={classes.diff} data-testid="diff-view">
      <p className={classes.legend}>
        <span>
          <del className={classes.removed}>Removed</del> text is struck through
        </span>
        <span>
          <ins className={classes.added}>Added</ins> text is highlighted
        </span>
      </p>
      {changed.length === 0 ? (
        <p className={classes.noChanges}>No differences: the plan reads exactly like this version.</p>
      ) : null}
      {changed.map((s) => (
        <section key={s} className={classes.diffSection} aria-labelledby={`${idPrefix}-${s}`} data-testid={`diff-${s}`}>
          <h4 id={`${idPrefix}-${s}`} className={classes.diffHeading}>
            {PLAN_SECTION_LABELS[s]}
            <span className={classes.changedTag}>Changed</span>
          </h4>
          {s === 'title' ? (
            <Runs
              runs={[
                { op: 'removed', text: diff.title.before },
                { op: 'equal', text: ' ' },
                { op: 'added', text: diff.title.after },
              ]}
            />
          ) : s === 'vision' || s === 'principles' || s === 'behaviours' ? (
            <TextSection diff={diff[s]} />
          ) : s === 'objectives' ? (
            <ListSection
              list={diff.objectives}
              noun="objective"
              label={(o) => o.title}
              fields={(c) => c.fields.map((f) => objectiveField(f, names))}
            />
          ) : s === 'projects' ? (
            <ListSection
              list={diff.projects}
              noun="project"
              label={(p) => p.name}
              fields={(c) => [
                ...c.fields.filter((f) => f.field !== 'activities').map((f) => projectField(f, names)),
                ...activityLines((c as (typeof diff.projects.modified)[number]).activities, names),
              ]}
            />
          ) : (
            <ul className={classes.changeList}>
              {diff.progress.objectives.map((p) => (
                <li key={p.objectiveId}>
                  <strong>{p.objectiveTitle}</strong>:{' '}
                  {[
                    count(p.added.length, 'entry added', 'entries added'),
                    count(p.removed.length, 'entry removed', 'entries removed'),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {changed.length > 0 && unchanged.length > 0 ? (
        <p className={classes.unchanged}>No changes in {unchanged.map((s) => PLAN_SECTION_LABELS[s]).join(', ')}.</p>
      ) : null}
    </div>
  );
}

const count = (n: number, one: string, many: string) => (n === 0 ? '' : n === 1 ? `1 ${one}` : `${n} ${many}`);

function Runs({ runs }: { runs: readonly TextRun[] }) {
  return (
    <p className={classes.runs}>
      {runs.map((r, i) => {
        if (r.op === 'equal') return <span key={i}>{r.text}</span>;
        // Spaces around a changed run stay plain, so highlights hug the words.
        const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text)!;
        if (!words) return <span key={i}>{r.text}</span>;
        const Tag = r.op === 'removed' ? 'del' : 'ins';
        return (
          <span key={i}>
            {lead}
            <Tag className={r.op === 'removed' ? classes.removed : classes.added}>
              <span className="ch-visually-hidden">[{r.op}: </span>
              {words}
              <span className="ch-visually-hidden">]</span>
            </Tag>
            {trail}
          </span>
        );
      })}
    </p>
  );
}

function TextSection({ diff }: { diff: TextDiff }) {
  if (diff.formattingOnly)
    return (
      <p className={classes.meta}>Only the formatting changed (emphasis, lists or headings); the words are the same.</p>
    );
  return <Runs runs={diff.runs} />;
}

function ListSection<T extends { id: string }>({
  list,
  noun,
  label,
  fields,
}: {
  list: ListDiff<T>;
  noun: string;
  label: (item: T) => string;
  fields: (change: ItemChange<T>) => ReactNode[];
}) {
  return (
    <ul className={classes.changeList}>
      {list.added.map((item) => (
        <li key={`a-${item.id}`}>
          <span className={classes.opTag} data-op="added">
            Added
          </span>{' '}
          <ins className={classes.added}>{label(item) || `Untitled ${noun}`}</ins>
        </li>
      ))}
      {list.removed.map((item) => (
        <li key={`r-${item.id}`}>
          <span className={classes.opTag} data-op="removed">
            Removed
          </span>{' '}
          <del className={classes.removed}>{label(item) || `Untitled ${noun}`}</del>
        </li>
      ))}
      {list.modified.map((c) => (
        <li key={`m-${c.id}`}>
          <span className={classes.opTag} data-op="changed">
            Changed
          </span>{' '}
          <strong>{c.label || `Untitled ${noun}`}</strong>
          <ul className={classes.fieldList}>
            {fields(c).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function BeforeAfter({ what, before, after }: { what: string; before: string; after: string }) {
  return (
    <>
      {what}: <del className={classes.removed}>{before || '(empty)'}</del> →{' '}
      <ins className={classes.added}>{after || '(empty)'}</ins>
    </>
  );
}

const measureText = (m: Measure) =>
  `${m.direction === 'decrease' ? 'reduce' : 'raise'} from ${formatMeasureValue(m.baseline, m.unit)} to ${formatMeasureValue(m.target, m.unit)}`;
const textOf = (v: unknown) => (typeof v === 'string' ? v : '');
const dateText = (d: unknown) => (typeof d === 'string' && d ? formatDate(d) : 'no date');

function objectiveField(f: FieldChange, names: DiffNames): ReactNode {
  switch (f.field as keyof Objective) {
    case 'title':
      return <BeforeAfter what="Title" before={textOf(f.before)} after={textOf(f.after)} />;
    case 'description':
      return <BeforeAfter what="Description" before={textOf(f.before)} after={textOf(f.after)} />;
    case 'measure':
      return (
        <BeforeAfter what="Measure" before={measureText(f.before as Measure)} after={measureText(f.after as Measure)} />
      );
    case 'dueDate':
      return <BeforeAfter what="Due date" before={dateText(f.before)} after={dateText(f.after)} />;
    case 'order':
      return 'Moved to another position';
    case 'catalogId':
      return 'Link to the company catalog changed';
    case 'owner':
      return (
        <BeforeAfter
          what="Owner"
          before={f.before ? names.person(f.before as string) : 'nobody'}
          after={f.after ? names.person(f.after as string) : 'nobody'}
        />
      );
    case 'dataSource':
      return <BeforeAfter what="Data source" before={textOf(f.before)} after={textOf(f.after)} />;
    case 'lock': {
      const lock = f.after as ObjectiveLock | null | undefined;
      if (lock) return `Definition locked by ${names.person(lock.by)}`;
      const was = f.before as ObjectiveLock | null | undefined;
      return was ? `Definition unlocked (had been locked by ${names.person(was.by)})` : 'Definition unlocked';
    }
    default:
      return `${f.field} changed`;
  }
}

function projectField(f: FieldChange, names: DiffNames): ReactNode {
  switch (f.field as keyof Project) {
    case 'name':
      return <BeforeAfter what="Name" before={textOf(f.before)} after={textOf(f.after)} />;
    case 'description':
      return <BeforeAfter what="Description" before={textOf(f.before)} after={textOf(f.after)} />;
    case 'status':
      return (
        <BeforeAfter
          what="Status"
          before={PROJECT_STATUS_LABEL[f.before as ProjectStatus] ?? ''}
          after={PROJECT_STATUS_LABEL[f.after as ProjectStatus] ?? ''}
        />
      );
    case 'owner':
      return (
        <BeforeAfter
          what="Owner"
          before={f.before ? names.person(f.before as string) : 'nobody'}
          after={f.after ? names.person(f.after as string) : 'nobody'}
        />
      );
    case 'objectiveIds': {
      const list = (v: unknown) => ((v as string[]) ?? []).map((id) => names.objective(id)).join('; ') || 'none';
      return <BeforeAfter what="Linked objectives" before={list(f.before)} after={list(f.after)} />;
    }
    case 'isAccountPlanProject':
      return f.after ? 'Became the Account Plan Project' : 'No longer the Account Plan Project';
    default:
      return `${f.field} changed`;
  }
}

function activityLines(list: ListDiff<ActivityData> | undefined, names: DiffNames): ReactNode[] {
  if (!list) return [];
  const out: ReactNode[] = [];
  for (const a of list.added)
    out.push(
      <>
        Activity added: <ins className={classes.added}>{a.title || 'Untitled activity'}</ins>
      </>,
    );
  for (const a of list.removed)
    out.push(
      <>
        Activity removed: <del className={classes.removed}>{a.title || 'Untitled activity'}</del>
      </>,
    );
  for (const c of list.modified) {
    for (const f of c.fields) {
      const what = `Activity “${c.label || 'Untitled activity'}”`;
      if (f.field === 'done') out.push(`${what} marked ${f.after ? 'done' : 'not done'}`);
      else if (f.field === 'title')
        out.push(<BeforeAfter what={`${what}, title`} before={textOf(f.before)} after={textOf(f.after)} />);
      else if (f.field === 'assignee')
        out.push(
          <BeforeAfter
            what={`${what}, assignee`}
            before={f.before ? names.person(f.before as string) : 'nobody'}
            after={f.after ? names.person(f.after as string) : 'nobody'}
          />,
        );
      else if (f.field === 'dueDate')
        out.push(<BeforeAfter what={`${what}, due`} before={dateText(f.before)} after={dateText(f.after)} />);
      else out.push(`${what} ${f.field === 'order' ? 'moved' : `${f.field} changed`}`);
    }
  }
  return out;
}
