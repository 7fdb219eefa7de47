import { describe, expect, it } from 'vitest';
import { changedFields, conflicts, edit, isMine, keepMine, noEdits, shown, takeTheirs } from './liveDraft.ts';

type K = 'title' | 'description' | 'target';
const opened = { title: 'Fill rate', description: 'Old text', target: '95' };

describe('a live draft', () => {
  it('shows what others save to fields the person has not touched, and keeps what the person typed', () => {
    let edits = edit(opened, noEdits<K>(), 'target', '96');
    const later = { ...opened, description: 'Ada’s text' };
    expect(shown(later, edits)).toEqual({ title: 'Fill rate', description: 'Ada’s text', target: '96' });
    expect(conflicts(later, edits)).toEqual([]);
    // The lost update of the issue: saving writes the target only, so Ada's description stays.
    expect(changedFields(later, edits)).toEqual(['target']);
    edits = edit(later, edits, 'target', '97');
    expect(changedFields(later, edits)).toEqual(['target']);
  });

  it('flags a field both changed to different values, and resolves it either way', () => {
    const edits = edit(opened, noEdits<K>(), 'description', 'Cara’s text');
    const live = { ...opened, description: 'Ada’s text' };
    expect(conflicts(live, edits)).toEqual([{ field: 'description', mine: 'Cara’s text', theirs: 'Ada’s text' }]);

    const kept = keepMine(live, edits, 'description');
    expect(conflicts(live, kept)).toEqual([]);
    expect(shown(live, kept).description).toBe('Cara’s text');
    expect(changedFields(live, kept)).toEqual(['description']);
    // A further change by the other person is a new conflict.
    expect(conflicts({ ...live, description: 'Ada again' }, kept)).toHaveLength(1);

    const taken = takeTheirs(edits, 'description');
    expect(conflicts(live, taken)).toEqual([]);
    expect(shown(live, taken).description).toBe('Ada’s text');
    expect(changedFields(live, taken)).toEqual([]);
  });

  it('is no conflict when both made the same change, and then writes nothing', () => {
    const edits = edit(opened, noEdits<K>(), 'title', 'On time');
    const live = { ...opened, title: 'On time' };
    expect(conflicts(live, edits)).toEqual([]);
    expect(changedFields(live, edits)).toEqual([]);
  });

  it('hands a field back to the live record when the person types its old value again', () => {
    let edits = edit(opened, noEdits<K>(), 'title', 'Draft');
    expect(isMine(edits, 'title')).toBe(true);
    edits = edit(opened, edits, 'title', 'Fill rate');
    expect(isMine(edits, 'title')).toBe(false);
    const live = { ...opened, title: 'Renamed by Ada' };
    expect(shown(live, edits).title).toBe('Renamed by Ada');
    expect(conflicts(live, edits)).toEqual([]);
    // Typing again starts from the live value it now shows.
    edits = edit(live, edits, 'title', 'Renamed by Ada, and me');
    expect(conflicts(live, edits)).toEqual([]);
    expect(changedFields(live, edits)).toEqual(['title']);
  });
});
