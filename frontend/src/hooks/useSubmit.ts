import { useCallback, useState } from 'react';
import { splitErrors, toApiError, type ApiError, type FieldErrors } from '../api';

/**
 * Runs a form submission and spreads a failure over the form: the server's field errors land on
 * the fields the form has, everything else becomes one general message.
 */
export function useSubmit(formFields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (action: () => Promise<void>, onError?: (err: ApiError) => boolean): Promise<boolean> => {
      setBusy(true);
      setErrors({});
      setGeneral(null);
      try {
        await action();
        return true;
      } catch (e) {
        const err = toApiError(e);
        if (!onError?.(err)) {
          const split = splitErrors(err, formFields);
          setErrors(split.fields);
          setGeneral(split.general);
        }
        return false;
      } finally {
        setBusy(false);
      }
    },
    [formFields],
  );

  const clearField = useCallback((name: string) => {
    setErrors((prev) => {
      if (!(name in prev)) return prev;
      const next = { ...prev };
      delete next[name];
      return next;
    });
  }, []);

  return { errors, setErrors, general, setGeneral, busy, run, clearField };
}
