// The canned upstream JSON of generate.js, every answer held back by a fixed delay: the latency round's upstream.
// Resolves a request like the nginx config does (<path>/offset-<o>.json, <path>/page-<p>.json, <path>.json), from
// memory. Listens on 127.0.0.1 only and writes one line per request to the log, like nginx's access log.
//
// Usage: node delay-server.js <dir> <port> <delay ms> <access log>
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const [dir, port, delayMs, logFile] = process.argv.slice(2);
const files = new Map();
(function load(rel) {
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) load(child);
    else files.set(child, fs.readFileSync(path.join(dir, child)));
  }
})('');

const log = fs.createWriteStream(logFile, { flags: 'a' });

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://upstream');
  const p = url.pathname;
  const body = files.get(`${p}/offset-${url.searchParams.get('offset') ?? ''}.json`)
    ?? files.get(`${p}/page-${url.searchParams.get('page') ?? ''}.json`)
    ?? files.get(`${p}.json`);
  req.resume();
  setTimeout(() => {
    log.write(`${Date.now()} ${req.method} ${p} ${body ? 200 : 404}\n`);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json', 'Content-Length': body ? body.length : 2 });
    res.end(body ?? '{}');
  }, Number(delayMs));
}).listen(Number(port), '127.0.0.1');
