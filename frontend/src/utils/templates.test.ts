import { describe, expect, it } from 'vitest';
import { findTemplate, TEMPLATES, timeBefore } from './templates';

describe('first-run templates', () => {
  it('time every useful habit before the treat it leads into', () => {
    const useful = TEMPLATES.filter((t) => !t.pleasant);
    expect(useful.length).toBeGreaterThan(0);
    for (const t of useful) {
      const treat = findTemplate(t.before ?? null);
      expect(treat?.pleasant, `${t.id} names a pleasant template`).toBe(true);
      expect(t.values.time_of_day! < treat!.values.time_of_day!, `${t.id} comes before ${treat!.id}`).toBe(true);
    }
  });

  it('places a paired useful habit a little before its pleasant habit', () => {
    expect(timeBefore('08:00:00')).toBe('07:45');
    expect(timeBefore('19:10')).toBe('18:55');
    expect(timeBefore('00:05')).toBe('00:00');
  });
});
