#!/usr/bin/env node
// `npm run db:generate`: writes the Prisma client to libs/db/src/generated/prisma (gitignored).
// Works offline: the Prisma CLI downloads its schema-engine binary at start-up unless
// PRISMA_SCHEMA_ENGINE_BINARY points at an existing file. `generate` never runs that engine, so any
// existing file will do; we point it at the Node binary. A real engine path set by the caller wins.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = require.resolve('prisma/build/index.js', { paths: [root] });
const result = spawnSync(
  process.execPath,
  [cli, 'generate', '--config', path.join(__dirname, 'prisma.config.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  },
);
process.exit(result.status ?? 1);
