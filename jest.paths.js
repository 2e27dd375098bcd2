// Maps the tsconfig path aliases (@toolgate/*) to source for Jest.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
