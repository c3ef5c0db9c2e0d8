import { maxLengths } from 'virtual:api-limits';
import type { components } from './schema';

type Schemas = components['schemas'];

/**
 * The longest text the API accepts for each field of one of its request shapes, as the OpenAPI
 * schema's `maxLength` says (read at build time from schema.yaml, see vite.config.ts): forms set
 * them as `maxLength` so nobody types more than the server will take.
 */
export function maxLengthsOf<S extends keyof Schemas>(schema: S): Partial<Record<keyof Schemas[S] & string, number>> {
  // The plugin only knows the schema's names at build time; the signature ties them to the types.
  return (maxLengths[schema] ?? {}) as Partial<Record<keyof Schemas[S] & string, number>>;
}
