import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

/**
 * The built page carries its Content-Security-Policy as a meta tag (Electron loads it from disk).
 * Only in the build: the dev server injects an inline script for hot reload.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'cockpit:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve('electron/main/index.ts') },
    },
  },
  preload: {
    build: {
      // A sandboxed preload script is CommonJS and cannot load packages: bundle everything.
      lib: { entry: resolve('electron/preload/index.ts'), formats: ['cjs'] },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      minify: true,
      sourcemap: true,
    },
  },
});
