#!/usr/bin/env node
// The `consent-ledger` command: runs the compiled CLI (build first with `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(cli)) {
  console.error('consent-ledger is not built yet: run `npm run build` in the project first.');
  process.exit(1);
}
require(cli);
