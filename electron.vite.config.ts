import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [
      react(),
      {
        // index.html carries the production CSP; in `electron-vite dev` it would block the inline
        // React Refresh preamble. The window's CSP header (src-main/electron) still applies in dev.
        name: 'skein-drop-csp-meta-in-dev',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
      },
    ],
    // Monaco's editor worker is an ES module (it imports the editor core); Vite's default IIFE
    // worker format cannot bundle it. Built workers are files on our own origin: `worker-src 'self'`.
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
