// Preloaded into the API by startBenchStack when BENCH_API_CPU_PROF is set (node refuses --cpu-prof in
// NODE_OPTIONS): profiles the whole process and writes <dir>/api-<pid>.cpuprofile when it exits.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.BENCH_API_CPU_PROF;
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.on('exit', () => {
  // The in-thread session answers synchronously, so this completes inside 'exit'.
  session.post('Profiler.stop', (error, result) => {
    if (!error) fs.writeFileSync(path.join(dir, `api-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
