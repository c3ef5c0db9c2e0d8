import { describe, expect, it } from 'vitest';
import { coinsShort, entryText, signedCoins } from './coins';

describe('coins', () => {
  it('says what a ledger line was about', () => {
    expect(entryText({ kind: 'completion', habit_name: 'Read', note: '', shortfall: 0 })).toBe('Habit completed: Read');
    expect(entryText({ kind: 'redemption', habit_name: '', note: 'Cinema', shortfall: 0 })).toBe('Reward redeemed: Cinema');
    expect(entryText({ kind: 'goal_bonus', habit_name: '', note: '', shortfall: 0 })).toBe('Goal completed');
    expect(entryText({ kind: 'completion_reversed', habit_name: 'Read', note: '', shortfall: 8 })).toBe(
      'Completion undone: Read (8 already spent)',
    );
  });

  it('signs amounts and counts what is missing', () => {
    expect(signedCoins(10)).toBe('+10');
    expect(signedCoins(-50)).toBe('−50');
    expect(signedCoins(0)).toBe('0');
    expect(coinsShort(40, 50)).toBe(10);
    expect(coinsShort(60, 50)).toBe(0);
  });
});
