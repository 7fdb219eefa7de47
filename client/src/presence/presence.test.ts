import { describe, expect, it } from 'vitest';
import { peopleFromStates, samePeople } from './presence.ts';

const ada = { id: 'u-ada', name: 'Ada Lovelace', color: '#1d4ed8', companyId: 'acme', companyName: 'Acme Retail' };
const cara = { id: 'u-cara', name: 'Cara Jensen', color: '#c2410c', companyId: 'globex', companyName: 'Globex Supply' };

describe('peopleFromStates', () => {
  it('lists each person once, yourself first, then by company and name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: cara, section: 'objectives' }],
      [1, { user: ada, section: 'vision' }],
      [7, { user: cara, section: null }],
    ]);
    const people = peopleFromStates(states, 1, ada.id);
    expect(people.map((p) => p.user.name)).toEqual(['Ada Lovelace', 'Cara Jensen']);
    expect(people[0].isSelf).toBe(true);
    expect(people[1].clientIds.sort()).toEqual([3, 7]);
    expect(people[1].section).toBe('objectives');
  });
  it('skips states without a stamped user', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, {}],
      [2, { user: { name: 'no id' } }],
      [3, { user: ada }],
    ]);
    expect(peopleFromStates(states, 99, null).map((p) => p.user.id)).toEqual([ada.id]);
  });
});

describe('samePeople', () => {
  const states = (cursor: number, caraSection: string) =>
    new Map<number, Record<string, unknown>>([
      [1, { user: ada, section: 'vision', cursor: { anchor: cursor } }],
      [3, { user: cara, section: caraSection, cursor: { anchor: cursor + 1 } }],
    ]);

  it('treats a caret move as no change', () => {
    expect(
      samePeople(peopleFromStates(states(1, 'vision'), 1, ada.id), peopleFromStates(states(9, 'vision'), 1, ada.id)),
    ).toBe(true);
  });

  it('sees a change of section, of person, of name or colour, and a new tab', () => {
    const before = peopleFromStates(states(1, 'vision'), 1, ada.id);
    expect(samePeople(before, peopleFromStates(states(1, 'objectives'), 1, ada.id))).toBe(false);
    expect(samePeople(before, before.slice(0, 1))).toBe(false);
    const renamed = peopleFromStates(
      new Map([...states(1, 'vision'), [3, { user: { ...cara, name: 'Cara J.' }, section: 'vision' }]]),
      1,
      ada.id,
    );
    expect(samePeople(before, renamed)).toBe(false);
    const recoloured = peopleFromStates(
      new Map([...states(1, 'vision'), [3, { user: { ...cara, color: '#000000' }, section: 'vision' }]]),
      1,
      ada.id,
    );
    expect(samePeople(before, recoloured)).toBe(false);
    const twoTabs = peopleFromStates(
      new Map([...states(1, 'vision'), [8, { user: cara, section: 'vision' }]]),
      1,
      ada.id,
    );
    expect(samePeople(before, twoTabs)).toBe(false);
  });
});
