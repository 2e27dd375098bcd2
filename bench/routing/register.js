// Lets `node -r ./bench/routing/register.js script.ts` run TypeScript offline with the installed
// @swc/core (no ts-node): compiles each .ts file on require and resolves the @toolgate/* aliases.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const swcOptions = require(path.join(root, 'jest.swc.js'));
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]),
);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcOptions, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
