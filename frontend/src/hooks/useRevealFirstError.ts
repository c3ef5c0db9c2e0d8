import { useEffect, type RefObject } from 'react';
import type { FieldErrors } from '../api';
import { toast } from '../store/toast';

/** The element to focus for the field `name` of `form`, or null when the form has no such control. */
export function fieldControl(form: HTMLElement, name: string): HTMLElement | null {
  const input = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  // MUI's Select keeps its value in a hidden input; the focusable part is the combobox beside it.
  if (input?.getAttribute('aria-hidden') === 'true') {
    return input.parentElement?.querySelector<HTMLElement>('[role="combobox"]') ?? null;
  }
  return input;
}

/**
 * After each failed submit (`failures` counts them), brings the first field with an error (the
 * topmost on the page) into view and focuses it — or the form's general alert
 * when no field is named — and says so in a toast. A long form is submitted from a sticky bar at
 * the bottom, far from the errors, which would otherwise go unseen.
 */
export function useRevealFirstError(
  form: RefObject<HTMLElement | null>,
  { failures, errors, general }: { failures: number; errors: FieldErrors; general: string | null },
): void {
  useEffect(() => {
    const root = form.current;
    if (failures === 0 || !root) return;
    const controls = Object.keys(errors)
      .map((name) => fieldControl(root, name))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const field = controls[0];
    const target = field ?? root.querySelector<HTMLElement>('[role="alert"]');
    if (target) {
      target.scrollIntoView?.({ block: 'center' });
      target.focus({ preventScroll: true });
    }
    toast(field ? 'Not saved yet: please check the highlighted field.' : general ?? 'Not saved yet.', 'error');
    // Only a new failure moves the focus; errors clearing while the user types must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [failures]);
}
