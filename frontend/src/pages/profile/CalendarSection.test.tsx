import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { CalendarSection, webcalUrl } from './CalendarSection';

const OLD = 'https://habits.example.com/ical/old-token.ics';
const NEW = 'https://habits.example.com/ical/new-token.ics';

describe('CalendarSection', () => {
  it('turns the feed URL into a webcal:// subscription link', () => {
    expect(webcalUrl(OLD)).toBe('webcal://habits.example.com/ical/old-token.ics');
    expect(webcalUrl('http://localhost:5173/ical/t.ics')).toBe('webcal://localhost:5173/ical/t.ics');
  });

  it('shows the URL and regenerates it only after confirmation', async () => {
    const calls = fakeServer((c) => (c.method === 'POST' ? { status: 200, data: { url: NEW } } : { status: 200, data: { url: OLD } }));
    renderAt(<CalendarSection />);
    expect(await screen.findByTestId('calendar-url')).toHaveValue(OLD);
    expect(screen.getByRole('link', { name: 'Subscribe' })).toHaveAttribute('href', webcalUrl(OLD));

    await userEvent.click(screen.getByRole('button', { name: 'Regenerate link' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Regenerate link' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(screen.getByTestId('calendar-url')).toHaveValue(NEW));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['calendar/regenerate/']);
  });
});
