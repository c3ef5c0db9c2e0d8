/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { load as parseYaml } from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `virtual:api-limits`: the `maxLength` of every string field of the generated OpenAPI schema
 * (src/api/schema.yaml), by component, so that form fields take the API's limits from the API
 * instead of restating numbers. Only these numbers reach the bundle, not the schema.
 */
function apiLimits(): Plugin {
  const id = 'virtual:api-limits';
  const schemaFile = path.resolve(import.meta.dirname, 'src/api/schema.yaml');
  type StringSpec = { maxLength?: number; oneOf?: StringSpec[] };
  type Schema = { components: { schemas: Record<string, { properties?: Record<string, StringSpec> }> } };
  // A field that may also be blank is `oneOf: [the string with its limits, the empty string]`
  // when it has a pattern (every free string has one: no NUL): the limit is the longest branch's.
  const maxLengthOf = (spec: StringSpec): number | undefined => {
    const lengths = [spec.maxLength, ...(spec.oneOf ?? []).map(maxLengthOf)];
    const known = lengths.filter((length): length is number => length !== undefined);
    return known.length ? Math.max(...known) : undefined;
  };
  return {
    name: 'api-limits',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      this.addWatchFile(schemaFile);
      const schema = parseYaml(readFileSync(schemaFile, 'utf8')) as Schema;
      const limits: Record<string, Record<string, number>> = {};
      for (const [name, component] of Object.entries(schema.components.schemas)) {
        for (const [field, spec] of Object.entries(component.properties ?? {})) {
          const maxLength = maxLengthOf(spec);
          if (maxLength !== undefined) (limits[name] ??= {})[field] = maxLength;
        }
      }
      return `export const maxLengths = ${JSON.stringify(limits)};`;
    },
  };
}

// The API the dev server and `vite preview` proxy to; the browser tests point it at their own backend.
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://127.0.0.1:8000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: true },
  '/admin': { target: apiTarget, changeOrigin: true },
  '/static': { target: apiTarget, changeOrigin: true },
  // the calendar feed's subscription URLs (/ical/<token>.ics) are served by the API too
  '/ical': { target: apiTarget, changeOrigin: true },
};

/**
 * The installable app (PWA): the manifest, and the service worker src/sw.js, into which the
 * plugin injects the list of built files to cache (injectManifest). main.tsx registers it.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.js',
  injectRegister: false,
  manifest: {
    name: 'Atomic Habits Tracker',
    short_name: 'Habits',
    description: 'Build good habits one small step at a time.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#2f6f5e',
    background_color: '#ffffff',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  injectManifest: {
    rollupFormat: 'iife',
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  },
});

export default defineConfig({
  plugins: [react(), apiLimits(), pwa],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          mui: ['@mui/material', '@emotion/react', '@emotion/styled'],
          charts: ['recharts'],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Two cores running jsdom and MUI in parallel: be generous, a slow machine is not a failure.
    testTimeout: 20_000,
  },
});
