// Preloaded into the measured CLI process (`node -r bench/peak-rss.js ...`): on exit, writes the
// process's own peak resident set size (getrusage maxrss, KiB) to $TOOLGATE_BENCH_RSS_FILE. This sees
// the whole process, heap and native memory alike, without depending on /usr/bin/time.
'use strict';
const fs = require('node:fs');

const target = process.env.TOOLGATE_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
