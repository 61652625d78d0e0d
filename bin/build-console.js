#!/usr/bin/env node
// Builds the auditor console (src/console, browser TypeScript) into static assets the
// service serves at /console: one ES module bundle, one stylesheet and the page
// (docs/adr/0040-auditor-console.md). `npm run build` runs it; the console tests call
// `buildConsole()` themselves so that `npm test` needs no earlier build.
'use strict';
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const SOURCE = join(ROOT, 'src', 'console');
/** Where the service looks for the assets (src/console-assets/console-assets-dir.ts). */
const CONSOLE_OUT_DIR = join(ROOT, 'dist', 'console');

/** Bundles the console into `outDir` (by default dist/console) and copies its page. */
async function buildConsole(outDir = CONSOLE_OUT_DIR) {
  // Loaded here so that requiring this file for CONSOLE_OUT_DIR costs nothing.
  const { build } = require('esbuild');
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(SOURCE, 'index.ts'), join(SOURCE, 'console.css')],
    outdir: outDir,
    entryNames: 'console',
    bundle: true,
    format: 'esm',
    target: ['chrome120', 'firefox120'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    tsconfig: join(SOURCE, 'tsconfig.json'),
    // The verifier's core (src/audit) runs in the browser as it is: its few node:crypto
    // calls and Buffer get browser implementations (docs/adr/0045).
    alias: { 'node:crypto': join(SOURCE, 'verify', 'node-crypto.ts') },
    inject: [join(SOURCE, 'verify', 'buffer-global.ts')],
    logLevel: 'warning',
  });
  copyFileSync(join(SOURCE, 'index.html'), join(outDir, 'index.html'));
  return outDir;
}

module.exports = { buildConsole, CONSOLE_OUT_DIR };

if (require.main === module) {
  buildConsole().then(
    (outDir) => console.log(`console built into ${outDir}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
