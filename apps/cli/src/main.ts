#!/usr/bin/env node
// The `toolgate` process entry (bin/toolgate.js loads the built copy). Sets exitCode instead of
// calling process.exit so stdout is fully flushed when piped (large JSON/SARIF reports).
import { run } from './cli';

// `toolgate check ... | head` closes stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
