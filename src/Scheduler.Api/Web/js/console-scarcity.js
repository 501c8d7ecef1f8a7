// The console's allocation and waiting-room part, for the procedure chosen in "What to look at": the allocation mode
// (with a reason; 409 allocation-open-requests is explained and "Force" offered), releasing a batch and the recent
// batches, the waiting room's switch, opening and rate, and its live numbers (read at every poll of the console).
import * as api from './api.js';
import { lang, number, onChange, t } from './i18n.js';
import * as errors from './errors.js';

const $ = (id) => document.getElementById(id);
const node = (name, text) => Object.assign(document.createElement(name), text === undefined ? {} : { textContent: text });
const instant = (iso) => new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'es-PE',
  { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Lima' }).format(new Date(iso));

// The procedure chosen now: polls started before a change of choice may answer after it, so every answer is checked
// against it and every operation names it.
const chosen = () => $('v-procedure').value;
const seen = { procedure: null, allocation: null, batches: null, room: null };
let onChanged = () => {};

function renderAllocation() {
  const a = seen.allocation;
  if (!a) return;
  const mode = t(a.mode === 'batch' ? 'scarce.batch' : 'scarce.firstCome');
  const parts = [a.mode === 'batch' && a.cadenceMinutes ? t('scarce.every', { mode, n: a.cadenceMinutes }) : mode];
  if (a.mode === 'batch') parts.push(t('scarce.openRequests', { n: a.openRequests }));
  $('alloc-mode').textContent = parts.join(' · ');
}

function renderBatches() {
  const list = seen.batches;
  if (!list) return;
  if (!list.length) {
    $('batch-list').replaceChildren(node('p', t('scarce.batchNone')));
    return;
  }
  const table = node('table');
  const head = node('tr');
  head.append(...['scarce.batchId', 'scarce.decidedAt', 'scarce.requests', 'scarce.seats', 'scarce.assignedCol']
    .map((k) => Object.assign(node('th', t(k)), { scope: 'col' })));
  table.append(Object.assign(node('caption', t('scarce.batches'))), node('thead'));
  table.tHead.append(head);
  const body = node('tbody');
  for (const b of list) {
    const tr = node('tr');
    tr.append(node('td', b.id), node('td', instant(b.decidedAt)), node('td', String(b.requests)), node('td', String(b.seatsOffered)), node('td', String(b.assigned)));
    body.append(tr);
  }
  table.append(body);
  $('batch-list').replaceChildren(table);
}

function renderRoom() {
  const r = seen.room;
  if (!r) return;
  $('rl-on').textContent = r.on ? t(r.automatic ? 'scarce.auto' : 'scarce.yes') : t('scarce.no');
  $('rl-waiting').textContent = number(r.waiting, 0);
  $('rl-admitted').textContent = number(r.admitted, 0);
  $('rl-rates').textContent = [r.admitPerSecond, r.effectivePerSecond, r.measuredPerSecond].map((n) => number(n, 1)).join(' / ');
  $('rl-opening').textContent = r.openingAt ? instant(r.openingAt) : t('scarce.none');
}

/** Reads the room's live numbers (every poll) and, for a newly chosen procedure, its allocation and batches. */
export async function update(procedure) {
  if (procedure !== chosen()) return;
  const fresh = procedure !== seen.procedure;
  seen.procedure = procedure;
  const room = await api.admission(procedure);
  if (room.ok && procedure === chosen()) {
    seen.room = room.body;
    renderRoom();
    if (fresh) $('w-enabled').checked = room.body.enabled;
  }
  if (fresh) await readAllocation();
}

// Reads overlap (a change of procedure, then an operation): only the latest one started is shown.
let reads = 0;
async function readAllocation() {
  const procedure = chosen();
  const read = ++reads;
  const [allocation, batches] = await Promise.all([api.allocation(procedure), api.batches(procedure)]);
  if (procedure !== chosen() || read !== reads) return;
  if (allocation.ok) {
    seen.allocation = allocation.body;
    $('a-mode').value = allocation.body.mode;
    renderAllocation();
  }
  if (batches.ok) {
    seen.batches = batches.body;
    renderBatches();
  }
}

async function changeMode(event) {
  event.preventDefault();
  const form = $('allocation');
  const button = form.querySelector('button[type="submit"]');
  const cadence = $('a-cadence').value.trim();
  button.disabled = true;
  // One key per attempt (kept when the answer is lost, dropped when the change is refused or done).
  form.dataset.key ||= api.newKey();
  const result = await api.setAllocation(chosen(), {
    mode: $('a-mode').value, cadenceMinutes: cadence === '' ? undefined : /^\d+$/.test(cadence) ? Number(cadence) : cadence,
    reason: $('a-reason').value.trim() || undefined, force: $('a-force').checked || undefined,
  }, form.dataset.key);
  button.disabled = false;
  if (!result.ok) {
    if (result.status < 500) delete form.dataset.key;
    $('allocation-result').replaceChildren();
    const explained = errors.show(form, result);
    // Refused because requests are open: the way on is the force box, so the keyboard goes there next.
    if ((result.problem?.type ?? '').endsWith('allocation-open-requests')) $('a-force').focus();
    return explained;
  }
  delete form.dataset.key;
  errors.clear(form);
  $('a-force').checked = false;
  const a = result.body;
  $('allocation-result').replaceChildren(node('p', t('scarce.modeDone', { id: a.operationId, open: a.openRequests, carried: a.carriedOver })));
  await readAllocation();
  onChanged();
  return null;
}

async function release(event) {
  event.preventDefault();
  const form = $('release');
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  const result = await api.releaseBatch(chosen());
  button.disabled = false;
  if (!result.ok) {
    $('release-result').replaceChildren();
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  const b = result.body;
  $('release-result').replaceChildren(node('p', t('scarce.released', { id: b.id, requests: b.requests, seats: b.seatsOffered, assigned: b.assigned })));
  await readAllocation();
  onChanged();
}

async function saveRoom(event) {
  event.preventDefault();
  const form = $('admission');
  const opening = $('w-opening').value;
  const rate = $('w-rate').value.trim().replace(',', '.');
  const body = {
    enabled: $('w-enabled').checked,
    // The offices' zone (Peru keeps UTC-5 all year), as the label says.
    openingAt: opening ? `${opening.length === 16 ? `${opening}:00` : opening}-05:00` : undefined,
    clearOpening: opening ? undefined : true,
    admitPerSecond: rate === '' ? undefined : Number.isNaN(Number(rate)) ? rate : Number(rate),
  };
  const result = await api.setAdmission(chosen(), body);
  if (!result.ok) {
    $('admission-result').replaceChildren();
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  seen.room = result.body;
  renderRoom();
  $('admission-result').replaceChildren(node('p', t('scarce.roomSaved')));
}

/** Wires the forms; changed is called after an operation (the console refreshes its table and audit trail). */
export function wire(changed) {
  onChanged = changed;
  $('allocation').addEventListener('submit', changeMode);
  $('release').addEventListener('submit', release);
  $('admission').addEventListener('submit', saveRoom);
  onChange(() => {
    renderAllocation();
    renderBatches();
    renderRoom();
    errors.translateShown();
  });
}
