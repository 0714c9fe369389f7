// Bundles the host CLI (`skein`) for plain Node. Dependencies stay external: native modules
// (better-sqlite3, node-pty) must load from node_modules, built for the Node that runs the host.
import { build } from 'esbuild';

await build({
  entryPoints: ['src-main/host/cli.ts'],
  outfile: 'out/cli/skein.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
