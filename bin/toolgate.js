#!/usr/bin/env node
// Entry point of the `toolgate` command: loads the built CLI (`npm run build` writes dist/).
'use strict';
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
try {
  require.resolve(entry);
} catch {
  process.stderr.write(`toolgate: the CLI is not built (${path.relative(process.cwd(), entry) || entry} is missing): run npm run build\n`);
  process.exit(2);
}
require(entry);
