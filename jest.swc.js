// The SWC options Jest compiles TypeScript with: the same as .swcrc, minus its path rewriting
// (Jest resolves the @toolgate/* aliases itself through moduleNameMapper).
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
delete swcrc.jsc.baseUrl;
delete swcrc.jsc.paths;
module.exports = { ...swcrc, swcrc: false };
