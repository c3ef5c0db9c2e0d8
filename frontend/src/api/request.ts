// Calls the API through its generated schema: the path must be one the schema has for that
// method, and the path parameters, query, body and answer take the schema's types for that
// operation (operations.ts), so a renamed endpoint or a changed field fails `tsc`, not the user.
import { http } from './client';
import type { AnswerOf, Method, Operation, OptionsArg, PathFor } from './operations';

/** `/api/habits/{id}/` with `{ id: 7 }` → `habits/7/`, relative to the client's `/api/` base. */
export function urlFor(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/^\/api\//, '').replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`urlFor: no value for {${name}} in ${path}`);
    return encodeURIComponent(String(params[name]));
  });
}

function caller<M extends Method>(method: M) {
  return <P extends PathFor<M>>(path: P, ...[options]: OptionsArg<Operation<P, M>>) => {
    // The types have done their checking; at run time the options are plain data.
    const { path: params, query, body } = (options ?? {}) as {
      path?: Record<string, string | number>;
      query?: object;
      body?: unknown;
    };
    return http
      .request<AnswerOf<P, M>>({ method, url: urlFor(path, params), params: query, data: body })
      .then((response) => response.data);
  };
}

/** `api.get('/api/habits/{id}/', { path: { id } })`: one function per HTTP method. */
export const api = {
  get: caller('get'),
  post: caller('post'),
  put: caller('put'),
  patch: caller('patch'),
  delete: caller('delete'),
};
