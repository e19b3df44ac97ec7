// Runs graphql-http's server audits (GraphQL over HTTP) against a running gateway and prints one JSON line per
// audit: {"id","name","status":"ok"|"notice"|"warn"|"error","reason"}.
// Usage: node audit.mjs <graphql-url> [bearer-token] [engine]  (engine: the X-Releasegraph-Engine header, tests only)
// The gateway answers only callers with a token, so every audit request carries the given one.
import { auditServer } from 'graphql-http';

const [url, token, engine] = process.argv.slice(2);
if (!url) {
  console.error('usage: node audit.mjs <graphql-url> [bearer-token]');
  process.exit(2);
}

const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  if (engine) headers.set('x-releasegraph-engine', engine);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn });
for (const result of results) {
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    line.reason = result.reason;
    try {
      const response = result.response;
      line.response = { status: response.status, contentType: response.headers.get('content-type'),
        body: (await response.text()).slice(0, 500) };
    } catch (e) {
      // the body was already read by the audit
    }
  }
  console.log(JSON.stringify(line));
}
