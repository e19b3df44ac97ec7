// Releasegraph console: plain JavaScript over the public GraphQL API, no build step, no CDN.
'use strict';

const RELEASES = `query ConsoleReleases($filter: ReleaseFilterInput) {
  releases(filter: $filter, first: 100) {
    totalCount
    nodes {
      __typename id source name status updatedAt
      cache { fetchedAt stale }
      ... on DeploymentRelease { active deployment { id name } }
      ... on ProductRelease { version channel platforms private published notes files { name } }
      ... on FlagRelease {
        projectKey flagKey
        pipeline { name legacy }
        phases { index name status complete }
        currentPhase { index name }
      }
    }
  }
}`;

const ACTIVATE = `mutation ConsoleActivate($id: ID!) {
  activateRelease(releaseId: $id) { activeRelease { name } deactivatedRelease { name } }
}`;
const DEACTIVATE = `mutation ConsoleDeactivate($id: ID!) {
  deactivateRelease(releaseId: $id) { deactivatedRelease { name } }
}`;
const RUN = `mutation ConsoleRun($deploymentId: ID!, $parameters: [RunParameterInput!], $key: String) {
  runDeployment(deploymentId: $deploymentId, parameters: $parameters, idempotencyKey: $key) {
    replayed
    jobGroup { id status }
  }
}`;
const JOB_GROUP = `query ConsoleJobGroup($id: ID!) {
  jobGroup(id: $id) { id status jobs { jobType status percentComplete } deployment { name } }
}`;
const UPDATE = `mutation ConsoleUpdate($id: ID!, $input: ProductReleaseInput!) {
  updateProductRelease(id: $id, input: $input) { id name version }
}`;
const PUBLISH = `mutation ConsolePublish($id: ID!) {
  publishProductRelease(id: $id) { id name published }
}`;
const COMPLETE_PHASE = `mutation ConsoleCompletePhase($projectKey: String!, $flagKey: String!, $phaseIndex: Int) {
  completeReleasePhase(projectKey: $projectKey, flagKey: $flagKey, phaseIndex: $phaseIndex) {
    changed phase { name status }
  }
}`;

const $ = (selector) => document.querySelector(selector);
const state = { releases: [], runDeployment: null, runKey: null, editing: null };

/** A GraphQL error the console can show: the message and the contract's code and field. */
class GraphQLError extends Error {
  constructor(errors) {
    const first = errors[0] || {};
    const ext = first.extensions || {};
    super(first.message || 'The request failed.');
    this.code = ext.code || 'ERROR';
    this.field = ext.field || null;
  }
}

async function gql(query, variables = {}, { fresh = false, partial = false } = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = sessionStorage.getItem('releasegraph.token');
  if (token) headers.Authorization = `Bearer ${token}`;
  if (fresh) headers['Cache-Control'] = 'no-cache';
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new GraphQLError([{ message: `The gateway answered HTTP ${response.status}.` }]);
  }
  if (body.errors && body.errors.length && (!partial || !body.data)) throw new GraphQLError(body.errors);
  return body;
}

function notice(message, isError = false) {
  const box = $('#notice');
  box.textContent = message;
  box.className = isError ? 'error' : '';
  box.hidden = false;
}

function clearNotice() {
  const box = $('#notice');
  box.textContent = '';
  box.className = '';
  box.hidden = true;
}

function describe(error) {
  const field = error.field ? ` (${error.field})` : '';
  return `${error.code}${field}: ${error.message}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function badge(status) {
  return el('span', { class: `badge ${status}` }, status.replace('_', ' ').toLowerCase());
}

function time(value) {
  return value ? new Date(value).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

async function loadReleases({ fresh = false } = {}) {
  const filter = {};
  const source = $('#source-filter').value;
  const search = $('#search').value.trim();
  if (source) filter.sources = [source];
  if (search) filter.search = search;
  try {
    const body = await gql(RELEASES, { filter }, { fresh, partial: true });
    state.releases = body.data.releases.nodes;
    render();
    // The rows answered: an earlier refusal (UNAUTHENTICATED before a token, a failed load) no longer holds.
    if ($('#notice').className === 'error') clearNotice();
    $('#freshness').textContent = `${body.data.releases.totalCount} releases, loaded ${time(new Date())}`;
    if (body.errors && body.errors.length) notice(`Some sources are missing: ${describe(new GraphQLError(body.errors))}`, true);
  } catch (error) {
    state.releases = [];
    render();
    notice(describe(error), true);
  }
}

function details(release) {
  switch (release.__typename) {
    case 'DeploymentRelease':
      return el('span', {}, `Deployment ${release.deployment ? release.deployment.name : '?'}`);
    case 'ProductRelease':
      return el('span', {}, `v${release.version} · ${release.channel} · ${release.platforms.join(', ')}`
        + `${release.private ? ' · private' : ''} · ${release.files.length} file(s)`);
    case 'FlagRelease': {
      const phases = el('span', { class: 'phases' });
      for (const phase of release.phases) {
        const current = release.currentPhase && release.currentPhase.index === phase.index;
        phases.append(el('span', { class: `phase${phase.complete ? ' done' : ''}${current ? ' current' : ''}` }, phase.name));
      }
      return el('span', {}, `${release.projectKey} / ${release.flagKey} · ${release.pipeline ? release.pipeline.name : ''} `, phases);
    }
    default:
      return el('span');
  }
}

function actions(release) {
  const cell = el('td', { class: 'actions' });
  const add = (label, handler, testId) => cell.append(el('button', { type: 'button', 'data-action': testId, onclick: handler }, label));
  if (release.__typename === 'DeploymentRelease') {
    if (release.active) {
      add('Deactivate', () => mutate(DEACTIVATE, { id: release.id }, `Deactivated ${release.name}.`), 'deactivate');
      add('Run…', () => openRun(release.deployment), 'run');
    } else {
      add('Activate', () => mutate(ACTIVATE, { id: release.id }, `Activated ${release.name}.`), 'activate');
    }
  } else if (release.__typename === 'ProductRelease' && !release.published) {
    add('Edit…', () => openEdit(release), 'edit');
    add('Publish', () => mutate(PUBLISH, { id: release.id }, `Published ${release.name} ${release.version}.`), 'publish');
  } else if (release.__typename === 'FlagRelease' && release.currentPhase) {
    const phase = release.currentPhase;
    add(`Complete ${phase.name}`, () => mutate(COMPLETE_PHASE,
      { projectKey: release.projectKey, flagKey: release.flagKey, phaseIndex: phase.index },
      `Completed phase ${phase.name} of ${release.flagKey}.`), 'complete-phase');
  }
  return cell;
}

function render() {
  const body = $('#releases tbody');
  body.replaceChildren();
  for (const release of state.releases) {
    const asOf = release.cache
      ? el('span', { class: release.cache.stale ? 'stale' : 'muted' },
        `${release.cache.stale ? 'stale, ' : ''}${time(release.cache.fetchedAt)}`)
      : '';
    body.append(el('tr', { 'data-id': release.id, 'data-type': release.__typename },
      el('td', { class: 'source' }, release.source),
      el('td', {}, release.name),
      el('td', {}, badge(release.status)),
      el('td', {}, details(release)),
      el('td', {}, asOf),
      actions(release)));
  }
}

/** Runs a mutation, reloads the table, then says what happened, so the message never describes an old table. */
async function mutate(document, variables, success) {
  let outcome;
  try {
    await gql(document, variables);
    outcome = () => notice(success);
  } catch (error) {
    outcome = () => notice(describe(error), true);
  }
  await loadReleases({ fresh: true });
  outcome();
}

function parameterRow(key = '', value = '') {
  return el('div', { class: 'parameter' },
    el('input', { name: 'key', placeholder: 'parameter', value: key }),
    el('input', { name: 'value', placeholder: 'value', value }));
}

function openRun(deployment) {
  state.runDeployment = deployment;
  // One key per intended run: a double click or a retried request cannot start a second run.
  state.runKey = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  $('#run-dialog [data-field=deployment]').textContent = deployment.name;
  $('#run-parameters').replaceChildren(parameterRow());
  $('#run-dialog').showModal();
}

async function submitRun() {
  const parameters = [...document.querySelectorAll('#run-parameters .parameter')]
    .map((row) => ({ key: row.querySelector('[name=key]').value.trim(), value: row.querySelector('[name=value]').value }))
    .filter((p) => p.key);
  try {
    const body = await gql(RUN, { deploymentId: state.runDeployment.id, parameters, key: state.runKey });
    const run = body.data.runDeployment;
    notice(`${run.replayed ? 'Already running' : 'Started'} a run of ${state.runDeployment.name}.`);
    follow(run.jobGroup.id, state.runDeployment.name);
  } catch (error) {
    notice(describe(error), true);
  }
}

/** Polls a run until it finishes, updating its line in the run list. */
async function follow(jobGroupId, deploymentName) {
  let item = document.querySelector(`#run-list li[data-id="${CSS.escape(jobGroupId)}"]`);
  if (!item) {
    item = el('li', { 'data-id': jobGroupId });
    $('#run-list').prepend(item);
  }
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const body = await gql(JOB_GROUP, { id: jobGroupId }, { fresh: true });
      const group = body.data.jobGroup;
      const jobs = group.jobs.map((j) => `${j.jobType} ${j.status.toLowerCase()}`).join(', ');
      item.replaceChildren(el('strong', {}, deploymentName), ' ', badge(group.status), ' ', el('span', { class: 'muted' }, jobs));
      item.setAttribute('data-status', group.status);
      if (['COMPLETE', 'FAILED', 'CANCELED'].includes(group.status)) return;
    } catch (error) {
      item.replaceChildren(`${deploymentName}: ${describe(error)}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** A control of the edit form; namedItem, because a control called "name" would clash with form.name. */
function editField(name) {
  return $('#edit-form').elements.namedItem(name);
}

function openEdit(release) {
  state.editing = release;
  editField('name').value = release.name;
  editField('version').value = release.version;
  editField('channel').value = release.channel;
  editField('platforms').value = release.platforms.join(', ');
  editField('private').checked = release.private;
  editField('notes').value = release.notes || '';
  $('#edit-dialog [data-field=release]').textContent = `${release.name} ${release.version}`;
  $('#edit-dialog').showModal();
}

async function submitEdit() {
  const release = state.editing;
  const platforms = editField('platforms').value.split(',').map((p) => p.trim()).filter((p) => p);
  const candidate = {
    name: editField('name').value, version: editField('version').value, channel: editField('channel').value,
    platforms, private: editField('private').checked, notes: editField('notes').value,
  };
  // Send only what changed: the upstream PATCH is a partial merge.
  const input = {};
  for (const [key, value] of Object.entries(candidate)) {
    const before = key === 'notes' ? (release.notes || '') : release[key];
    if (JSON.stringify(before) !== JSON.stringify(value)) input[key] = value;
  }
  if (Object.keys(input).length === 0) {
    notice('Nothing changed.');
    return;
  }
  await mutate(UPDATE, { id: release.id, input }, `Saved ${candidate.name} ${candidate.version}.`);
}

async function demoToken(role) {
  try {
    const response = await fetch(`/sandbox/token?role=${role}`);
    if (!response.ok) throw new Error(`no demo tokens here (HTTP ${response.status}); paste a token instead`);
    const text = await response.text();
    let token = text.trim();
    try {
      const json = JSON.parse(text);
      token = json.token || json.access_token || token;
    } catch (e) {
      // a plain-text token
    }
    setToken(token, `demo ${role}`);
    await loadReleases({ fresh: true });
  } catch (error) {
    notice(error.message, true);
  }
}

function setToken(token, label) {
  if (token) sessionStorage.setItem('releasegraph.token', token);
  else sessionStorage.removeItem('releasegraph.token');
  $('#token').value = token || '';
  $('#auth-state').textContent = token ? `using a ${label} token` : 'no token';
}

function init() {
  const saved = sessionStorage.getItem('releasegraph.token');
  setToken(saved, 'saved');
  $('#token').addEventListener('change', (e) => setToken(e.target.value.trim(), 'pasted'));
  $('#demo-viewer').addEventListener('click', () => demoToken('viewer'));
  $('#demo-operator').addEventListener('click', () => demoToken('operator'));
  $('#refresh').addEventListener('click', () => loadReleases({ fresh: true }));
  $('#source-filter').addEventListener('change', () => loadReleases());
  $('#search').addEventListener('input', () => loadReleases());
  $('#add-parameter').addEventListener('click', () => $('#run-parameters').append(parameterRow()));
  $('#run-form').addEventListener('submit', (e) => { if (e.submitter && e.submitter.value === 'run') submitRun(); });
  $('#edit-form').addEventListener('submit', (e) => { if (e.submitter && e.submitter.value === 'save') submitEdit(); });
  loadReleases();
}

init();
