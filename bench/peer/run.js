// run.js - Microsoft Recognizers-Text (JavaScript, Chinese culture) beside govreport.
//   node run.js cases CASES.jsonl    pass counts on the in-scope peer-suite cases (tests/peers.py --export),
//                                    judged as upstream's own runner does: same number of results,
//                                    same resolution value (and unit, when one is expected)
//   node run.js speed FILE...        throughput (MB/s) and peak RSS of the number, percentage,
//                                    currency and dimension models over the files' paragraphs
'use strict';
const fs = require('fs');
const R = require('@microsoft/recognizers-text-suite');
const C = R.Culture.Chinese;
const models = {
  NumberModel: (s) => R.recognizeNumber(s, C),
  PercentModel: (s) => R.recognizePercentage(s, C),
  OrdinalModel: (s) => R.recognizeOrdinal(s, C),
  CurrencyModel: (s) => R.recognizeCurrency(s, C),
  DimensionModel: (s) => R.recognizeDimension(s, C),
  AgeModel: (s) => R.recognizeAge(s, C),
};

function cases(file) {
  const per = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const c = JSON.parse(line);
    const model = c.suite.replace(/^.*\//, '').replace(/\.json$/, '');
    const run = models[model];
    if (!run) continue;
    let ok = false;
    try {
      const got = run(c.input);
      ok = got.length === c.expected.length && c.expected.every((e, i) => {
        const r = got[i].resolution || {};
        return String(r.value) === String(e.value) && (!e.unit || r.unit === e.unit);
      });
    } catch (err) {
      ok = false;
    }
    per[c.suite] = per[c.suite] || [0, 0];
    per[c.suite][0] += ok ? 1 : 0;
    per[c.suite][1] += 1;
  }
  let p = 0, n = 0;
  for (const [s, [ok, all]] of Object.entries(per)) {
    console.log(`${s.padEnd(56)} ${String(ok).padStart(4)} / ${String(all).padStart(4)}  ${(100 * ok / all).toFixed(1)}%`);
    p += ok;
    n += all;
  }
  console.log(`${'recognizers-text (JavaScript) on the in-scope cases'.padEnd(56)} ${String(p).padStart(4)} / ${String(n).padStart(4)}  ${(100 * p / n).toFixed(1)}%`);
}

function speed(files) {
  const paras = [];
  let bytes = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
    for (const p of text.split(/\n+/)) if (p.trim()) paras.push(p);
  }
  let rss = process.memoryUsage().rss, found = 0;
  const t0 = process.hrtime.bigint();
  for (const p of paras) {
    found += R.recognizeNumber(p, C).length + R.recognizePercentage(p, C).length +
             R.recognizeCurrency(p, C).length + R.recognizeDimension(p, C).length;
    rss = Math.max(rss, process.memoryUsage().rss);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`recognizers-text ${(bytes / 1e6 / secs).toFixed(3)} MB/s  peak RSS ${(rss / 1048576).toFixed(1)} MiB  (${secs.toFixed(1)} s, ${found} entities, ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB)`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'cases') cases(args[0]);
else if (mode === 'speed') speed(args);
else {
  console.error('usage: node run.js cases CASES.jsonl | speed FILE...');
  process.exit(2);
}
