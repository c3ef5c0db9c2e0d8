import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Habit, PublicHabit } from '../api';
import { useToast } from '../store/toast';
import { fakeServer } from '../test/fakeServer';
import { renderAt } from '../test/render';
import { copiedMessage, PublicHabitsPage } from './PublicHabitsPage';

/** A shared useful habit paired with a pleasant habit: as the public list shows it, no reward text. */
const shared: PublicHabit = {
  id: 40, name: 'Stretch', description: '', action: 'stretch for 5 minutes', place: 'bedroom floor', time_of_day: '07:00:00',
  is_pleasant: false, reward_text: '', schedule: 'every_n_days', periodicity_days: 1, weekdays: [], times_per_week: null,
  repeat_limit: 21, grace_minutes: 30, fix_minutes: 120, created_at: '', owner_name: 'Bo',
};

const copy: Habit = {
  ...shared, id: 90, related_pleasant_habit: null, related_pleasant_habit_name: null, reward_text: 'Treat yourself (choose your own reward)',
  is_public: false, is_active: true, extra_reminders: [], start_date: '2026-11-22', updated_at: '',
  paused_from: null, paused_until: null, is_archived: false, next_due_date: null,
};

describe('copiedMessage', () => {
  it('says the owner keeps a private treat, so the copy needs its own reward', () => {
    expect(copiedMessage(shared, copy)).toBe('“Stretch” is now in your habits. Its owner keeps their treat private, so choose your own reward here.');
  });

  it('names the public treat that was copied along', () => {
    const paired = { ...copy, reward_text: '', related_pleasant_habit: 91, related_pleasant_habit_name: 'Tea' };
    expect(copiedMessage(shared, paired)).toBe('“Stretch” is now in your habits, with the treat that follows it, “Tea”, copied too. Make them yours.');
  });

  it('says nothing about treats when the habit had its own reward or is pleasant', () => {
    const rewarded = { ...shared, reward_text: 'a walk' };
    expect(copiedMessage(rewarded, { ...copy, reward_text: 'a walk' })).toBe('“Stretch” is now in your habits. Make it yours.');
    const pleasant = { ...shared, is_pleasant: true };
    expect(copiedMessage(pleasant, { ...copy, is_pleasant: true, reward_text: '' })).toBe('“Stretch” is now in your habits. Make it yours.');
  });
});

describe('PublicHabitsPage', () => {
  it('copies a habit, says what the copy got and opens it for editing', async () => {
    const calls = fakeServer((c) =>
      c.url === 'habits/40/copy/' ? { status: 201, data: copy } : { status: 200, data: { count: 1, next: null, previous: null, results: [shared] } },
    );
    renderAt(<PublicHabitsPage />, '/explore');
    await userEvent.click(await screen.findByRole('button', { name: 'Copy Stretch into my habits' }));
    expect(await screen.findByText('at another page')).toBeInTheDocument();
    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: 'habits/40/copy/' });
    expect(useToast.getState().message).toMatch(/keeps their treat private/);
  });

  it('shows the display name the owner chose, and no name at all when there is none', async () => {
    const anonymous = { ...shared, id: 41, name: 'Read', owner_name: '', description: 'Done 40 times since March.' };
    fakeServer(() => ({ status: 200, data: { count: 2, next: null, previous: null, results: [shared, anonymous] } }));
    renderAt(<PublicHabitsPage />, '/explore');
    expect(await screen.findByText('shared by Bo')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Read' })).toBeInTheDocument();
    expect(screen.getAllByText(/^shared by/)).toHaveLength(1);
    expect(screen.queryByText(/someone/)).not.toBeInTheDocument();
    expect(screen.getByText('Done 40 times since March.')).toBeInTheDocument(); // the owner's own words, e.g. progress
  });
});
