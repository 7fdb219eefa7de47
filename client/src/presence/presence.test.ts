import { describe, expect, it } from 'vitest';
import { peopleFromStates } from './presence.ts';

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
