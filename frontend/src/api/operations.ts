// Types only: what the generated schema (schema.d.ts) says each operation takes and answers,
// looked up by path and method. `request.ts` calls the API with them; `types.ts` names a few.
import type { paths } from './schema';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type ApiPath = keyof paths;

/** The schema's operation for `method` on `path`; never when the API has none. */
export type Operation<P extends ApiPath, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;

/** The API paths that answer `method`. */
export type PathFor<M extends Method> = {
  [P in ApiPath]: [Operation<P, M>] extends [never] ? never : P;
}[ApiPath];

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

type PathParams<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type RequestBody<O> = O extends { requestBody?: infer R } ? Json<NonNullable<R>> : never;

/** What a successful call answers: the JSON of its 2xx response, nothing for a 204. */
type Success<O> = O extends { responses: infer R }
  ? { [C in keyof R]: C extends 200 | 201 | 202 ? Json<R[C]> : C extends 204 ? void : never }[keyof R]
  : never;

/** `path` and `body` are required exactly when the operation has them; `query` is always optional. */
type Options<O> = ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: never } : { query?: QueryParams<O> }) &
  ([RequestBody<O>] extends [never] ? { body?: never } : { body: RequestBody<O> });

/** The options argument, which may be left out when nothing in it is required. */
export type OptionsArg<O> = object extends Options<O> ? [options?: Options<O>] : [options: Options<O>];

export type QueryOf<P extends ApiPath, M extends Method> = QueryParams<Operation<P, M>>;
export type BodyOf<P extends ApiPath, M extends Method> = RequestBody<Operation<P, M>>;
export type AnswerOf<P extends ApiPath, M extends Method> = Success<Operation<P, M>>;
