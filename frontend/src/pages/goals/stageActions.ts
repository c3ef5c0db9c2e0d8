import { toApiError } from '../../api';
import { toast } from '../../store/toast';

/** Runs a call and shows its failure as a readable toast; resolves to undefined when it failed. */
export async function attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    toast(toApiError(err).message, 'error');
    return undefined;
  }
}
