import type { CoinEntry } from '../api';

const KIND_LABELS: Record<CoinEntry['kind'], string> = {
  completion: 'Habit completed',
  completion_reversed: 'Completion undone',
  achievement_bonus: 'Achievement bonus',
  goal_bonus: 'Goal completed',
  redemption: 'Reward redeemed',
};

/** One ledger line in words: what happened and what it was about. */
export function entryText(entry: Pick<CoinEntry, 'kind' | 'habit_name' | 'note' | 'shortfall'>): string {
  const about = entry.habit_name || entry.note;
  const base = about ? `${KIND_LABELS[entry.kind]}: ${about}` : KIND_LABELS[entry.kind];
  return entry.shortfall ? `${base} (${entry.shortfall} already spent)` : base;
}

/** +10, −50: the sign always shown, with a real minus sign. */
export function signedCoins(amount: number): string {
  return amount > 0 ? `+${amount}` : amount < 0 ? `−${-amount}` : '0';
}

/** How many coins are missing for a price, or 0 when the balance pays for it. */
export function coinsShort(balance: number, price: number): number {
  return Math.max(price - balance, 0);
}
