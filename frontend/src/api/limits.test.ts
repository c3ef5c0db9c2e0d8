import { describe, expect, it } from 'vitest';
import { maxLengthsOf } from './limits';

describe('API limits', () => {
  it('come from the generated schema (schema.yaml, through vite.config.ts)', () => {
    expect(maxLengthsOf('HabitInputRequest')).toEqual({ name: 150, description: 2000, action: 255, place: 255, reward_text: 255 });
  });

  it('are empty for a shape without text limits', () => {
    expect(maxLengthsOf('TodayProgress')).toEqual({});
  });
});
