#!/usr/bin/env node
// `node prisma/diff.js <name>`: writes a new migration from the schema change (prisma/tooling/diff.main.ts).
// Needs a local PostgreSQL (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test) for a scratch database.
'use strict';
require('./swc-register');
require('./tooling/diff.main.ts');
