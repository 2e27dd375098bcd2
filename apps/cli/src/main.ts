#!/usr/bin/env node
// The `toolgate` process entry (bin/toolgate.js loads the built copy). Sets exitCode instead of
// calling process.exit so stdout is fully flushed when piped (large JSON/SARIF reports).
import { run } from './cli';

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
