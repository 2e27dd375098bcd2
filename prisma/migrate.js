#!/usr/bin/env node
// `npm run db:migrate`: runs libs/db/src/migrate.main.ts. From a checkout, the TypeScript source is
// compiled on the fly with SWC (a devDependency); in an image without devDependencies, the built
// dist/libs/db/src/migrate.main.js is used instead.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
let haveSwc = true;
try {
  require.resolve('@swc/core', { paths: [root] });
} catch {
  haveSwc = false;
}
if (haveSwc) {
  require('./swc-register');
  require(path.join(root, 'libs/db/src/migrate.main.ts'));
} else {
  const built = path.join(root, 'dist/libs/db/src/migrate.main.js');
  if (!fs.existsSync(built)) {
    console.error(`[db:migrate] neither @swc/core nor ${built} is available: install devDependencies or build first.`);
    process.exit(1);
  }
  require(built);
}
