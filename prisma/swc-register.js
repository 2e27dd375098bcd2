// Lets plain `node` require TypeScript sources (used by the db:migrate and db:diff entry points, so they
// need no build step). Compiles with the same SWC options as Jest; only relative imports are supported.
'use strict';
const fs = require('node:fs');
const swc = require('@swc/core');
const options = require('../jest.swc.js');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
