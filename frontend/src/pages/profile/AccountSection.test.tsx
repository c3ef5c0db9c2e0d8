import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { browserTimezone, useAuth } from '../../store/auth';
import { useToast } from '../../store/toast';
import { fakeServer, user } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { AccountSection } from './AccountSection';

// Far from any machine's zone, so that the browser's zone differs and "Use …" is offered.
const away = { ...user, timezone: 'Pacific/Kiritimati' };

describe('AccountSection', () => {
  beforeEach(() => useAuth.setState({ user: away, tokens: { access: 'a', refresh: 'r' }, sessionEnded: false }));

  it('changes the zone and says the habits follow the new clock', async () => {
    const here = browserTimezone();
    const calls = fakeServer((c) => ({ status: 200, data: { ...away, ...(c.body as object) } }));
    renderAt(<AccountSection user={away} />, '/profile');
    await userEvent.click(screen.getByRole('button', { name: `Use ${here}` }));
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await screen.findByText('Matches this browser.');
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: 'auth/me/', body: { name: 'Ann', timezone: here } });
    expect(useAuth.getState().user?.timezone).toBe(here);
    expect(useToast.getState().message).toBe(`Profile saved. Your habits now follow ${here} time, from today.`);
  });

  it('says only "saved" when the zone stays', async () => {
    fakeServer((c) => ({ status: 200, data: { ...away, ...(c.body as object) } }));
    renderAt(<AccountSection user={away} />, '/profile');
    await userEvent.clear(screen.getByLabelText('Name'));
    await userEvent.type(screen.getByLabelText('Name'), 'Ann B');
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await screen.findByDisplayValue('Ann B');
    await expect.poll(() => useToast.getState().message).toBe('Profile saved.');
  });

  it('saves a trimmed display name, the only name others see', async () => {
    const calls = fakeServer((c) => ({ status: 200, data: { ...away, ...(c.body as object) } }));
    renderAt(<AccountSection user={away} />, '/profile');
    await userEvent.type(screen.getByLabelText('Display name (public)'), '  annie ');
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]).toMatchObject({ method: 'PATCH', url: 'auth/me/', body: { name: 'Ann', display_name: 'annie' } });
    await expect.poll(() => useAuth.getState().user?.display_name).toBe('annie');
  });
});
