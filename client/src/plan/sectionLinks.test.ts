import { describe, expect, it } from 'vitest';
import { SECTIONS } from './sections.ts';
import { sectionFromHash } from './sectionLinks.ts';

const ids = SECTIONS.map((s) => s.id);

describe('sectionFromHash', () => {
  it('reads the nav’s own links and the element ids', () => {
    expect(sectionFromHash('#alignment', ids)).toBe('alignment');
    expect(sectionFromHash('#projects', ids)).toBe('projects');
    expect(sectionFromHash('#account-plan-project', ids)).toBe('account-plan-project');
    expect(sectionFromHash('#section-objectives', ids)).toBe('objectives');
    expect(sectionFromHash('#Vision', ids)).toBe('vision');
  });
  it('is null for anything else', () => {
    for (const h of ['', '#', '#nope', '#section-', '#%E0%A4%A', '#progress'])
      expect(sectionFromHash(h, ids)).toBeNull();
  });
});
