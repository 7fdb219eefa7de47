import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { SectionAwareness } from './sectionAwareness.ts';

/** A plan-like doc with two rich-text fragments, each a paragraph of text. */
function plan() {
  const doc = new Y.Doc();
  for (const name of ['vision', 'principles']) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Some words here')]);
    doc.getXmlFragment(name).insert(0, [p]);
  }
  return doc;
}

function caretIn(doc: Y.Doc, section: string, index: number) {
  const text = (doc.getXmlFragment(section).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const rel = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return { anchor: rel, head: rel };
}

describe('SectionAwareness', () => {
  it('reports a remote caret entering, moving in and leaving its fragment, and nothing else', () => {
    const doc = plan();
    const local = new Awareness(doc);
    const remoteDoc = new Y.Doc();
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc));
    const remote = new Awareness(remoteDoc);
    const sync = () => {
      const state = remote.getLocalState();
      // As the provider would: the remote state arrives in the local awareness.
      local.states.set(remote.clientID, state!);
      local.meta.set(remote.clientID, { clock: Date.now(), lastUpdated: Date.now() });
      local.emit('change', [{ added: [], updated: [remote.clientID], removed: [] }, 'remote']);
    };

    const vision = new SectionAwareness(local, doc.getXmlFragment('vision'));
    const principles = new SectionAwareness(local, doc.getXmlFragment('principles'));
    const heard = { vision: 0, principles: 0 };
    vision.on('change', () => heard.vision++);
    principles.on('change', () => heard.principles++);

    remote.setLocalStateField('cursor', caretIn(remoteDoc, 'vision', 1));
    sync();
    remote.setLocalStateField('cursor', caretIn(remoteDoc, 'vision', 5));
    sync();
    expect(heard).toEqual({ vision: 2, principles: 0 });

    // Moving to the principles: the vision hears it once more (to drop the caret), then no more.
    remote.setLocalStateField('cursor', caretIn(remoteDoc, 'principles', 2));
    sync();
    remote.setLocalStateField('cursor', caretIn(remoteDoc, 'principles', 3));
    sync();
    expect(heard).toEqual({ vision: 3, principles: 2 });

    // A change that is not about carets in either fragment, and our own changes: nobody hears.
    remote.setLocalStateField('cursor', null);
    sync();
    expect(heard).toEqual({ vision: 3, principles: 3 });
    remote.setLocalStateField('section', 'objectives');
    sync();
    local.setLocalStateField('cursor', caretIn(doc, 'vision', 2));
    expect(heard).toEqual({ vision: 3, principles: 3 });
  });

  it('passes states and the local state through, and filters update like change', () => {
    const doc = plan();
    const local = new Awareness(doc);
    const view = new SectionAwareness(local, doc.getXmlFragment('vision'));
    view.setLocalStateField('user', { name: 'Ada' });
    expect(local.getLocalState()).toMatchObject({ user: { name: 'Ada' } });
    expect(view.getStates()).toBe(local.getStates());
    expect(view.clientID).toBe(local.clientID);
    // `update` (every renewal too) reaches the caret extension only for carets in this fragment.
    let updates = 0;
    const onUpdate = () => updates++;
    view.on('update', onUpdate);
    local.setLocalStateField('x', 1);
    const remoteId = 777;
    local.states.set(remoteId, { cursor: caretIn(doc, 'vision', 1) });
    local.emit('update', [{ added: [remoteId], updated: [], removed: [] }, 'remote']);
    local.states.set(remoteId, { cursor: caretIn(doc, 'principles', 1) });
    view.off('update', onUpdate);
    local.emit('update', [{ added: [], updated: [remoteId], removed: [] }, 'remote']);
    expect(updates).toBe(1);
  });

  it('drops a caret that was inside before it started listening', () => {
    const doc = plan();
    const local = new Awareness(doc);
    const remoteId = 4242;
    local.states.set(remoteId, { cursor: caretIn(doc, 'vision', 1) });
    const view = new SectionAwareness(local, doc.getXmlFragment('vision'));
    let heard = 0;
    view.on('change', () => heard++);
    local.states.set(remoteId, { cursor: caretIn(doc, 'principles', 1) });
    local.emit('change', [{ added: [], updated: [remoteId], removed: [] }, 'remote']);
    expect(heard).toBe(1);
  });
});
