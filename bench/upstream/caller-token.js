// Signs a caller token for the benchmark: node caller-token.js <private key PEM> <issuer> <role>.
// RS256, with the `groups` claim the gateway reads; valid for a day. Prints the compact JWT.
const crypto = require("crypto");
const fs = require("fs");
const [keyFile, issuer, role] = process.argv.slice(2);
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = Math.floor(Date.now() / 1000);
const unsigned = b64({ alg: "RS256", typ: "JWT" }) + "." +
    b64({ iss: issuer, sub: "bench-" + role, upn: "bench-" + role, groups: [role], iat: now, exp: now + 86400 });
const signature = crypto.sign("RSA-SHA256", Buffer.from(unsigned), fs.readFileSync(keyFile)).toString("base64url");
console.log(unsigned + "." + signature);
