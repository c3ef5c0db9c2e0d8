import type { ApiError } from '../api';

export interface Dependent {
  id: number;
  name: string;
}

/** The useful habits named by a 409 `habit_has_dependents`, or null for any other error. */
export function dependentsOf(err: ApiError): Dependent[] | null {
  if (err.code !== 'habit_has_dependents') return null;
  const list = err.details.dependent_habits;
  return Array.isArray(list) ? (list as Dependent[]) : [];
}

export function dependentsMessage(err: ApiError): string | null {
  const deps = dependentsOf(err);
  if (!deps) return null;
  const names = deps.map((d) => `“${d.name}”`).join(', ');
  return names ? `${err.message} Paired with it: ${names}. Pair them with something else first.` : err.message;
}
