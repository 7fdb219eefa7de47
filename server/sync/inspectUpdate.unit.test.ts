import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addActivity,
  addObjective,
  addProgress,
  addProject,
  clearLock,
  deleteObjective,
  deleteProject,
  getMeta,
  getObjectivesMap,
  getProgressMap,
  getProjectsMap,
  getVision,
  readObjectives,
  readProgress,
  richTextToPlain,
  setLock,
  setProjectObjectives,
  updateActivity,
  updateObjective,
  updateProject,
} from '../../shared/schema.ts';
import { inspectUpdate } from './inspectUpdate.ts';
import {
  ADA,
  BEN,
  DAN,
  VIC,
  appId,
  attempt,
  clientOf,
  firstObjective,
  firstParagraphText,
  measure,
  serverDoc,
  typeInVision,
  updateFrom,
} from './inspectUpdate.fixtures.ts';

const denied = (section: string) => ({ ok: false, section, reason: expect.any(String) });

describe('inspectUpdate: the acceptance cases', () => {
  it('a member overwriting an objective title is denied; an admin is allowed', () => {
    const server = serverDoc();
    const id = firstObjective(server);
    expect(attempt(server, BEN, (d) => updateObjective(d, id, { title: 'Mine now' }))).toEqual(denied('objectives'));
    expect(readObjectives(server)[0].title).toBe('Fill rate');
    expect(attempt(server, ADA, (d) => updateObjective(d, id, { title: 'Fill rate 2' }))).toEqual({ ok: true });
    expect(readObjectives(server)[0].title).toBe('Fill rate 2');
  });

  it('deleting an objective: member denied, admin allowed', () => {
    const server = serverDoc();
    const id = firstObjective(server);
    expect(attempt(server, BEN, (d) => getObjectivesMap(d).delete(id))).toEqual(denied('objectives'));
    expect(attempt(server, ADA, (d) => deleteObjective(d, id))).toEqual({ ok: true });
    expect(readObjectives(server)).toHaveLength(1);
  });

  it('admin adds objectives (with their progress list); a member cannot', () => {
    const server = serverDoc();
    const obj = { title: 'New', description: '', catalogId: null, measure, dueDate: null };
    expect(attempt(server, BEN, (d) => addObjective(d, obj))).toEqual(denied('objectives'));
    expect(attempt(server, ADA, (d) => addObjective(d, obj))).toEqual({ ok: true });
    expect(readObjectives(server)).toHaveLength(3);
  });

  it('adding a new root type is denied for everyone', () => {
    const server = serverDoc();
    for (const actor of [ADA, BEN]) {
      expect(attempt(server, actor, (d) => d.getMap('evil').set('x', 1))).toEqual(denied('evil'));
      expect(attempt(server, actor, (d) => d.getText('notes').insert(0, 'x'))).toEqual(denied('notes'));
    }
  });

  it("progress: a member adds their own entry, not someone else's", () => {
    const server = serverDoc();
    const id = firstObjective(server);
    const at = '2024-02-01T00:00:00Z';
    expect(attempt(server, BEN, (d) => addProgress(d, id, { value: 5, at, by: DAN.userId }))).toEqual(
      denied('progress'),
    );
    expect(attempt(server, BEN, (d) => addProgress(d, id, { value: 5, at, by: BEN.userId }))).toEqual({ ok: true });
    expect(readProgress(server, id).map((e) => e.value)).toEqual([3, 5]);
  });

  it('progress: deleting an entry is admin only', () => {
    const server = serverDoc();
    const id = firstObjective(server);
    const deleteFirst = (d: Y.Doc) => getProgressMap(d).get(id)!.delete(0, 1);
    expect(attempt(server, BEN, deleteFirst)).toEqual(denied('progress'));
    expect(attempt(server, ADA, deleteFirst)).toEqual({ ok: true });
    expect(readProgress(server, id)).toEqual([]);
  });

  it("progress: a member cannot create or replace an objective's list", () => {
    const server = serverDoc();
    const id = firstObjective(server);
    expect(attempt(server, BEN, (d) => getProgressMap(d).set(id, new Y.Array()))).toEqual(denied('progress'));
    expect(
      attempt(server, BEN, (d) =>
        getProgressMap(d).set('obj_new', Y.Array.from([{ value: 1, at: '', by: BEN.userId }])),
      ),
    ).toEqual(denied('progress'));
  });

  it("projects: creating one with someone else's createdBy is denied; with one's own, allowed (and linking objectives)", () => {
    const server = serverDoc();
    const ids = readObjectives(server).map((o) => o.id);
    expect(attempt(server, BEN, (d) => addProject(d, { name: 'X', createdBy: DAN.userId }))).toEqual(
      denied('projects'),
    );
    expect(
      attempt(server, BEN, (d) =>
        addProject(d, { name: 'X', createdBy: BEN.userId, objectiveIds: [ids[0]] }, 'prj_new'),
      ),
    ).toEqual({ ok: true });
    expect(attempt(server, BEN, (d) => setProjectObjectives(d, 'prj_new', ids))).toEqual({ ok: true });
    expect(getProjectsMap(server).get('prj_new')!.get('objectiveIds')).toBeInstanceOf(Y.Array);
  });

  it('projects: a member cannot create an Account Plan Project', () => {
    const server = serverDoc();
    expect(
      attempt(server, BEN, (d) => addProject(d, { name: 'X', createdBy: BEN.userId, isAccountPlanProject: true })),
    ).toEqual(denied('projects'));
    expect(
      attempt(server, ADA, (d) => addProject(d, { name: 'X', createdBy: ADA.userId, isAccountPlanProject: true })),
    ).toEqual({ ok: true });
  });

  it("projects: renaming another member's project is denied; one's own, allowed; an admin, any", () => {
    const server = serverDoc();
    expect(attempt(server, BEN, (d) => updateProject(d, 'prj_dan', { name: 'Mine' }))).toEqual(denied('projects'));
    expect(attempt(server, BEN, (d) => updateProject(d, 'prj_ben', { name: 'Renamed', status: 'active' }))).toEqual({
      ok: true,
    });
    expect(attempt(server, ADA, (d) => updateProject(d, 'prj_dan', { name: 'By admin' }))).toEqual({ ok: true });
    expect(getProjectsMap(server).get('prj_dan')!.get('name')).toBe('By admin');
  });

  it('projects: flipping isAccountPlanProject or createdBy is denied to members, even on their own', () => {
    const server = serverDoc();
    expect(attempt(server, BEN, (d) => getProjectsMap(d).get('prj_ben')!.set('isAccountPlanProject', true))).toEqual(
      denied('projects'),
    );
    expect(attempt(server, BEN, (d) => getProjectsMap(d).get('prj_ben')!.set('createdBy', DAN.userId))).toEqual(
      denied('projects'),
    );
    expect(attempt(server, BEN, (d) => getProjectsMap(d).get(appId(d))!.set('isAccountPlanProject', false))).toEqual(
      denied('projects'),
    );
    expect(attempt(server, ADA, (d) => getProjectsMap(d).get('prj_ben')!.set('isAccountPlanProject', true))).toEqual({
      ok: true,
    });
  });

  it("projects: replacing or deleting another's project is denied; deleting one's own, allowed", () => {
    const server = serverDoc();
    expect(attempt(server, BEN, (d) => deleteProject(d, 'prj_dan'))).toEqual(denied('projects'));
    expect(attempt(server, BEN, (d) => addProject(d, { name: 'Takeover', createdBy: BEN.userId }, 'prj_dan'))).toEqual(
      denied('projects'),
    );
    expect(getProjectsMap(server).get('prj_dan')!.get('name')).toBe('Dan project');
    expect(attempt(server, BEN, (d) => deleteProject(d, 'prj_ben'))).toEqual({ ok: true });
  });

  it('the Account Plan Project: nobody deletes, replaces or unflags it, admins included; admins still rename it', () => {
    const server = serverDoc();
    const id = appId(server);
    for (const actor of [ADA, BEN]) {
      expect(attempt(server, actor, (d) => deleteProject(d, appId(d)))).toEqual(denied('projects'));
      expect(
        attempt(server, actor, (d) => addProject(d, { name: 'Replacement', createdBy: actor.userId }, appId(d))),
      ).toEqual(denied('projects'));
      expect(
        attempt(server, actor, (d) => getProjectsMap(d).get(appId(d))!.set('isAccountPlanProject', false)),
      ).toEqual(denied('projects'));
      expect(attempt(server, actor, (d) => getProjectsMap(d).get(appId(d))!.delete('isAccountPlanProject'))).toEqual(
        denied('projects'),
      );
    }
    expect(getProjectsMap(server).get(id)!.get('isAccountPlanProject')).toBe(true);
    expect(attempt(server, ADA, (d) => updateProject(d, appId(d), { name: 'Joint plan' }))).toEqual({ ok: true });
    expect(getProjectsMap(server).get(id)!.get('name')).toBe('Joint plan');
  });

  it("activities: a member adds, changes and removes activities on another member's project", () => {
    const server = serverDoc();
    let id = '';
    expect(
      attempt(
        server,
        BEN,
        (d) => (id = addActivity(d, 'prj_dan', { title: 'Mine', done: false, assignee: BEN.userId, dueDate: null })),
      ),
    ).toEqual({ ok: true });
    expect(attempt(server, BEN, (d) => updateActivity(d, 'prj_dan', id, { done: true }))).toEqual({ ok: true });
    expect(
      attempt(server, BEN, (d) => getProjectsMap(d).get('prj_dan')!.get('activities') as Y.Array<unknown>).ok,
    ).toBe(true);
    expect(
      attempt(server, BEN, (d) =>
        (getProjectsMap(d).get(appId(d))!.get('activities') as Y.Array<unknown>).delete(0, 1),
      ),
    ).toEqual({ ok: true });
    expect(attempt(server, VIC, (d) => updateActivity(d, 'prj_dan', id, { done: false }))).toEqual(denied('projects'));
  });

  it('rich text: members type in unlocked sections; a lock stops them (not admins) until unlocked', () => {
    const server = serverDoc();
    expect(attempt(server, BEN, typeInVision)).toEqual({ ok: true });
    expect(attempt(server, BEN, (d) => firstParagraphText(d).delete(0, 3))).toEqual({ ok: true });
    expect(attempt(server, BEN, (d) => setLock(d, 'vision', BEN.userId))).toEqual(denied('meta'));
    expect(attempt(server, ADA, (d) => setLock(d, 'vision', ADA.userId))).toEqual({ ok: true });
    const before = richTextToPlain(getVision(server));
    expect(attempt(server, BEN, typeInVision)).toEqual(denied('vision'));
    expect(attempt(server, BEN, (d) => (getVision(d).get(0) as Y.XmlElement).setAttribute('class', 'x'))).toEqual(
      denied('vision'),
    );
    expect(richTextToPlain(getVision(server))).toBe(before);
    expect(attempt(server, BEN, (d) => firstParagraphText(d, d.getXmlFragment('principles')).insert(0, 'ok '))).toEqual(
      { ok: true },
    );
    expect(attempt(server, ADA, typeInVision)).toEqual({ ok: true });
    expect(attempt(server, ADA, (d) => clearLock(d, 'vision'))).toEqual({ ok: true });
    expect(attempt(server, BEN, typeInVision)).toEqual({ ok: true });
  });

  it('a viewer typing in the vision is denied; so is any viewer change', () => {
    const server = serverDoc();
    expect(attempt(server, VIC, typeInVision)).toEqual(denied('vision'));
    expect(attempt(server, VIC, (d) => firstParagraphText(d).delete(0, 1))).toEqual(denied('vision'));
  });

  it('meta: the title is admin only', () => {
    const server = serverDoc();
    expect(attempt(server, BEN, (d) => getMeta(d).set('title', 'Mine'))).toEqual(denied('meta'));
    expect(attempt(server, ADA, (d) => getMeta(d).set('title', 'Renamed'))).toEqual({ ok: true });
    expect(attempt(server, ADA, (d) => getMeta(d).set('schemaVersion', 2))).toEqual(denied('meta'));
  });
});

describe('inspectUpdate: what the server already has is not judged', () => {
  it("a member resending an admin's already-applied update is a no-op", () => {
    const server = serverDoc();
    const adminUpdate = updateFrom(server, (d) => updateObjective(d, firstObjective(d), { title: 'Admin' }));
    expect(inspectUpdate(server, adminUpdate, ADA)).toEqual({ ok: true });
    Y.applyUpdate(server, adminUpdate);
    expect(inspectUpdate(server, adminUpdate, BEN)).toEqual({ ok: true });
    expect(inspectUpdate(server, adminUpdate, VIC)).toEqual({ ok: true });
  });

  it("a member's full state (all structs and every deletion so far) is a no-op", () => {
    const server = serverDoc();
    attempt(server, ADA, (d) => deleteObjective(d, firstObjective(d)));
    attempt(server, ADA, (d) =>
      getProgressMap(d)
        .get(firstObjective(d))!
        .push([{ value: 1, at: '', by: ADA.userId }]),
    );
    const c = clientOf(server);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(c), BEN)).toEqual({ ok: true });
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(c), VIC)).toEqual({ ok: true });
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()), VIC)).toEqual({ ok: true });
  });

  it('a full state plus a new edit judges only the edit', () => {
    const server = serverDoc();
    const c = clientOf(server);
    typeInVision(c);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(c), BEN)).toEqual({ ok: true });
    updateObjective(c, firstObjective(c), { title: 'x' });
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(c), BEN)).toEqual(denied('objectives'));
  });
});
