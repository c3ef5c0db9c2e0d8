import type { Goal, GoalStage } from '../../api';

export const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

export function aGoal(patch: Partial<Goal> = {}): Goal {
  return {
    id: 4, title: 'Run a marathon', description: '', deadline: null, progress: 0, is_completed: false, completed_at: null,
    is_archived: false, archived_at: null, position: 0, habits: [], stages_count: 0, completed_stages_count: 0,
    created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z', ...patch,
  };
}

export function aStage(id: number, title: string, patch: Partial<GoalStage> = {}): GoalStage {
  return {
    id, goal: 4, title, details: '', position: id, is_completed: false, completed_at: null, due_date: null, is_draft: false,
    created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z', ...patch,
  };
}
