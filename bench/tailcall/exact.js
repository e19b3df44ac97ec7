// Tailcall 1.6.14 onResponseBody functions of config.sh's EXACT=1 variant: each takes the upstream answer's body (a
// JSON string) and returns the body Tailcall resolves the field from, with the values the gateway computes
// (io.releasegraph.provider.trifacta.TrifactaMapper, GlobalId): global IDs, name, status, releaseCount, the DateTime
// text and the newest-first order of releases. Tailcall runs these on one QuickJS thread.

var B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// GlobalId.encode: base64url, without padding, of "trifacta:<type>:<id>" (ASCII only, so one byte a character).
function globalId(type, id) {
  var s = "trifacta:" + type + ":" + id, out = "", i, n;
  for (i = 0; i + 2 < s.length; i += 3) {
    n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  if (s.length - i === 1) {
    n = s.charCodeAt(i) << 16;
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63];
  } else if (s.length - i === 2) {
    n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8);
    out += B64URL[(n >> 18) & 63] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63];
  }
  return out;
}

// The gateway's DateTime text of a UTC OffsetDateTime (ISO_OFFSET_DATE_TIME): the fraction without trailing zeros,
// none when it is zero ("2025-01-02T09:00:00.000Z" -> "2025-01-02T09:00:00Z").
function dateTime(text) {
  if (text == null) return null;
  return text.replace(/\.(\d*?)0*Z$/, function (_, digits) { return (digits ? "." + digits : "") + "Z"; });
}

function deploymentOf(d) {
  var embedded = d.releases && d.releases.data;
  return {
    id: globalId("Deployment", d.id),
    name: d.name,
    releaseCount: d.numReleases == null ? (embedded ? embedded.length : 0) : d.numReleases,
    createdAt: dateTime(d.createdAt),
    updatedAt: dateTime(d.updatedAt),
  };
}

function releaseOf(r) {
  var active = r.active === true;
  return {
    id: globalId("DeploymentRelease", r.id),
    name: r.notes == null || r.notes.trim() === "" ? "Release " + r.id : r.notes,
    status: active ? "ACTIVE" : "INACTIVE",
    createdAt: dateTime(r.createdAt),
    updatedAt: dateTime(r.updatedAt),
    // Trifacta's own ID, for the deployment field's URL
    deployment: { id: r.deployment == null ? 0 : r.deployment.id },
    _createdAt: r.createdAt == null ? null : Date.parse(r.createdAt),
    _id: r.id,
  };
}

// TrifactaMapper.NEWEST_FIRST: createdAt descending, no date last, then the upstream ID descending.
function newestFirst(a, b) {
  if (a._createdAt !== b._createdAt) {
    if (a._createdAt == null) return 1;
    if (b._createdAt == null) return -1;
    return b._createdAt - a._createdAt;
  }
  return b._id - a._id;
}

function deployments(body) {
  return JSON.stringify({ nodes: JSON.parse(body).data.map(deploymentOf) });
}

function releases(body) {
  var nodes = JSON.parse(body).data.map(releaseOf).sort(newestFirst);
  nodes.forEach(function (n) { delete n._createdAt; delete n._id; });
  return JSON.stringify({ nodes: nodes });
}

function deployment(body) {
  return JSON.stringify(deploymentOf(JSON.parse(body)));
}
