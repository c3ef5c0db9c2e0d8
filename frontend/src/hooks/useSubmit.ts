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
  /** How many submissions failed so far: a form reacts to a new failure, see useRevealFirstError. */
  const [failures, setFailures] = useState(0);

  /** Shows a failure found before sending (the form's own checks) like one from the server. */
  const fail = useCallback((fields: FieldErrors, message: string | null) => {
    setErrors(fields);
    setGeneral(message);
    setFailures((n) => n + 1);
  }, []);

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
        setFailures((n) => n + 1);
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

  return { errors, setErrors, general, setGeneral, busy, run, clearField, failures, fail };
}
