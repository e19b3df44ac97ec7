// Writes the canned upstream JSON the benchmark serves, as files laid out by URL path:
//   <dir>/trifacta/v4/deployments/offset-0.json      GET /trifacta/v4/deployments?offset=0&limit=…&embed=releases
//   <dir>/trifacta/v4/deployments/7.json             GET /trifacta/v4/deployments/7?embed=releases&…
//   <dir>/launchdarkly/api/v2/flags/p/f/release.json GET /launchdarkly/api/v2/flags/p/f/release
//   <dir>/cryptlex/v3/releases/page-1.json           GET /cryptlex/v3/releases?page=1&limit=…
// nginx (try_files) and delay-server.js resolve a request the same way: <path>/offset-<offset>.json, then
// <path>/page-<page>.json, then <path>.json. Wire shapes follow /work/shared/upstreams.md (A, B, C) and the
// gateway's DTOs.
//
// Usage: node generate.js <dir> <trifacta page size>
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, pageSizeArg] = process.argv.slice(2);
const pageSize = Number(pageSizeArg || 100);
if (!dir || !(pageSize >= 10)) {
  // Each deployment has 10 releases, embedded in one answer; a smaller page would need per-deployment release pages.
  console.error('usage: node generate.js <dir> <trifacta page size, at least 10>');
  process.exit(2);
}

const DEPLOYMENTS = 100;            // the flat list
const DEPLOYMENTS_WITH_RELEASES = 10; // the N+1: 100 releases over 10 distinct deployments
const RELEASES_EACH = 10;
const LD_PROJECTS = ['web-app', 'mobile-app'];
const LD_PIPELINES = ['standard', 'progressive'];
const LD_FLAGS_EACH = 4;
const CRYPTLEX_RELEASES = 20;

function write(rel, value) {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

const iso = (day, minute = 0) => new Date(Date.UTC(2025, 0, 1, 9, minute) + day * 86400000).toISOString();

// Writes <base>/offset-<o>.json for every page the gateway asks for, the first short (or empty) one included.
function trifactaPages(base, items) {
  for (let offset = 0; ; offset += pageSize) {
    const page = items.slice(offset, offset + pageSize);
    write(`${base}/offset-${offset}.json`, { data: page });
    if (page.length < pageSize) break;
  }
}

// ---- A. Trifacta: 100 deployments; deployments 1-10 hold releases 1-100, the newest of each is active
const releases = [];
for (let r = 1; r <= DEPLOYMENTS_WITH_RELEASES * RELEASES_EACH; r++) {
  const deploymentId = Math.ceil(r / RELEASES_EACH);
  releases.push({
    id: r, notes: `Flow ${deploymentId} build ${r}`, packageUuid: `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`,
    active: r % RELEASES_EACH === 0 ? true : null,
    createdAt: iso(r, 7), updatedAt: iso(r, 8),
    deployment: { id: deploymentId }, creator: { id: 3 }, updater: { id: 3 },
  });
}
const deployments = [];
for (let d = 1; d <= DEPLOYMENTS; d++) {
  const own = releases.filter(release => release.deployment.id === d);
  deployments.push({
    id: d, name: `Deployment ${String(d).padStart(3, '0')}`, createdAt: iso(d), updatedAt: iso(d, 30),
    numReleases: own.length, latestRelease: null, creator: { id: 3 }, updater: { id: 3 },
    releases: { data: own },
  });
}
trifactaPages('trifacta/v4/deployments', deployments);
deployments.forEach(deployment => write(`trifacta/v4/deployments/${deployment.id}.json`, deployment));
trifactaPages('trifacta/v4/releases', releases);
releases.forEach(release => write(`trifacta/v4/releases/${release.id}.json`, release));

// ---- C. LaunchDarkly: 2 projects x 2 pipelines x 4 flags, each flag with a 2-phase release
const env = key => ({ key, name: key, color: '00FF00', _links: {} });
for (const project of LD_PROJECTS) {
  const pipelines = LD_PIPELINES.map((key, i) => ({
    key, name: `${key} pipeline`, description: 'test then production', createdAt: iso(i),
    phases: [
      { id: `${key}-p1`, name: 'Test', audiences: [{ name: 'Test', environment: env('test'), configuration: { releaseStrategy: 'immediate-rollout', requireApproval: false } }] },
      { id: `${key}-p2`, name: 'Production', audiences: [{ name: 'Production', environment: env('production'), configuration: { releaseStrategy: 'immediate-rollout', requireApproval: true } }] },
    ],
    tags: [], _version: 1, isProjectDefault: i === 0, _isLegacy: i === 0,
  }));
  write(`launchdarkly/api/v2/projects/${project}/release-pipelines/offset-0.json`, { items: pipelines, totalCount: pipelines.length });
  pipelines.forEach((pipeline, p) => {
    const base = `launchdarkly/api/v2/projects/${project}/release-pipelines/${pipeline.key}`;
    write(`${base}.json`, pipeline);
    const flags = [...Array(LD_FLAGS_EACH).keys()].map(i => `${pipeline.key}-flag-${i + 1}`);
    write(`${base}/releases/offset-0.json`, {
      activeCount: flags.length, completedCount: 0, totalCount: flags.length,
      items: flags.map(flagKey => ({ flagKey, _createdAt: Date.UTC(2025, 5, 1), activePhaseId: `${pipeline.key}-p1`, _links: {} })),
      phases: pipeline.phases.map((phase, i) => ({ _id: phase.id, name: phase.name, releaseCount: i === 0 ? flags.length : 0 })),
      _links: {},
    });
    flags.forEach((flagKey, f) => {
      const created = Date.UTC(2025, 5, 1 + p * LD_FLAGS_EACH + f);
      write(`launchdarkly/api/v2/flags/${project}/${flagKey}/release.json`, {
        name: pipeline.name, releasePipelineKey: pipeline.key, releasePipelineDescription: pipeline.description,
        _version: 2, _links: {},
        phases: pipeline.phases.map((phase, i) => ({
          _id: `${flagKey}-${phase.id}`, _name: phase.name, complete: false, started: i === 0, status: i === 0 ? 'active' : 'not_started',
          _creationDate: created, ...(i === 0 ? { _startedDate: created + 60000 } : {}),
          _audiences: phase.audiences.map((audience, a) => ({ _id: `${flagKey}-a${i}${a}`, ...audience })),
        })),
      });
    });
  });
}

// ---- B. Cryptlex: one page of 20 releases, then the empty page that ends the list
const cryptlex = [...Array(CRYPTLEX_RELEASES).keys()].map(i => ({
  id: `6f1c2a3b-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, createdAt: iso(200 + i), updatedAt: iso(200 + i, 5),
  name: `Desktop app ${i + 1}`, channel: 'stable', version: `1.${i}.0`, platforms: ['windows', 'linux'], notes: 'Fixes.',
  totalFiles: 0, files: [], published: i % 2 === 0, private: false, archived: false, publishedAt: i % 2 === 0 ? iso(201 + i) : null,
  productId: 'b1a2c3d4-0000-4000-8000-000000000001', tenantId: 'b1a2c3d4-0000-4000-8000-0000000000aa',
}));
write('cryptlex/v3/releases/page-1.json', cryptlex);
write('cryptlex/v3/releases/page-2.json', []);
