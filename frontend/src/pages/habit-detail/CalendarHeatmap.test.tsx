import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../../test/render';
import { CalendarHeatmap, gridWidth } from './CalendarHeatmap';

const STEP = 15;

describe('CalendarHeatmap', () => {
  it('leaves room for a month label that starts in the last column', () => {
    // 53 weeks end at 53 * 15 - 3 = 792; a label starting at the last column needs 24 px from there.
    expect(gridWidth(53, 52 * STEP, 0)).toBe(52 * STEP + 24);
    expect(gridWidth(53, 40 * STEP, 0)).toBe(792);
  });

  it('hides whole columns only when it scrolls, so none is cut in half', () => {
    for (const viewport of [280, 301, 317, 343]) {
      const width = gridWidth(53, 40 * STEP, viewport);
      expect(width).toBeGreaterThanOrEqual(792);
      expect((width - viewport) % STEP).toBe(0);
    }
    // Wide enough for the whole year: no padding.
    expect(gridWidth(53, 40 * STEP, 1000)).toBe(792);
  });

  it('draws one cell per day with its status', () => {
    const calendar = [
      { date: '2026-11-30', status: 'completed' as const },
      { date: '2026-12-01', status: null },
    ];
    renderAt(<CalendarHeatmap calendar={calendar} />);
    expect(screen.getByText(/2026: Done$/)).toBeInTheDocument();
    expect(screen.getByText('Dec')).toBeInTheDocument();
    expect(screen.getByText(/not due/)).toBeInTheDocument();
  });
});

describe('CalendarHeatmap days to record', () => {
  it('makes only the recordable days buttons, and says which day was picked', async () => {
    const calendar = [
      { date: '2026-11-20', status: 'missed' as const },
      { date: '2026-11-30', status: 'skipped' as const },
    ];
    const picked: string[] = [];
    renderAt(<CalendarHeatmap calendar={calendar} canPick={(d) => d >= '2026-11-24'} onPick={(d) => picked.push(d)} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toHaveAccessibleName(/Excused\. Record this day$/);
    buttons[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(picked).toEqual(['2026-11-30']);
  });
});
