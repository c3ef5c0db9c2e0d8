// The virtual module vite.config.ts builds from schema.yaml; read it through limits.ts.
declare module 'virtual:api-limits' {
  export const maxLengths: Record<string, Record<string, number> | undefined>;
}
