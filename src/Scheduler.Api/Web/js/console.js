// The operator console: a pasted operator token (kept in this tab's sessionStorage only), a live utilisation heat
// table by department and office across days (polled every second while the tab is visible), sold-out days, the
// waitlist, closures with their relocations, capacity changes, counter transfers, a day's roster and the audit trail.
// The allocation mode, batches and the waiting room: console-scarcity.js.
import * as api from './api.js';
import { apply, day, onChange, t, has, wireSwitch } from './i18n.js';
import * as errors from './errors.js';

const $ = (id) => document.getElementById(id);
// The allocation and waiting-room part (console-scarcity.js) is fetched after sign-in, not on the console's first load.
let scarceModule = null;
const scarce = () => (scarceModule ??= import('./console-scarcity.js').then((m) => {
  m.wire(() => { refresh(); loadAudit(); });
  return m;
}));
const tokenKey = 'scheduler.operatorToken';
const pollEvery = 1000;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date());
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

const state = { offices: [], procedures: [], snapshot: null, shape: '', cells: new Map(), polling: false, timer: null };

const procedureName = (id) => (has(`proc.${id}`) ? t(`proc.${id}`) : state.procedures.find((p) => p.id === id)?.name ?? id);
const officeName = (id) => state.offices.find((o) => o.id === id)?.name ?? id;
const place = (p) => `${officeName(p.officeId)}, ${day(p.date)} ${p.start}`;
const node = (name, text, className) => {
  const el = document.createElement(name);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
};

/** Who the token names, read from its payload for display only: the API checks the signature and the role. */
function tokenName(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.unique_name ?? payload.name ?? payload.sub ?? '?';
  } catch {
    return '?';
  }
}

// ---- Sign-in ---------------------------------------------------------------------------------------------------------
async function signIn(token, form) {
  api.useToken(token);
  const probe = await api.utilization(state.procedures[0]?.id ?? 'cpp-biometrics', today(), today());
  if (!probe.ok) {
    api.useToken(null);
    sessionStorage.removeItem(tokenKey);
    if (form) errors.render(form, { fields: [{ field: 'token', message: errors.explain(probe).message }], message: '' });
    return false;
  }
  sessionStorage.setItem(tokenKey, token);
  $('who').textContent = t('console.signedIn', { name: tokenName(token) });
  $('signin-section').hidden = true;
  $('workspace').hidden = false;
  startPolling();
  loadAudit();
  return true;
}

function signOut() {
  sessionStorage.removeItem(tokenKey);
  api.useToken(null);
  clearTimeout(state.timer);
  state.polling = false;
  $('workspace').hidden = true;
  $('signin-section').hidden = false;
  $('token').value = '';
  $('token').focus();
}

// ---- Utilisation -----------------------------------------------------------------------------------------------------
function days() {
  const from = $('v-from').value || today();
  return Array.from({ length: Number($('v-days').value) }, (_, i) => addDays(from, i));
}

async function refresh() {
  const procedure = $('v-procedure').value;
  const dates = days();
  const [range, ...perDay] = await Promise.all([
    api.utilization(procedure, dates[0], dates.at(-1)),
    ...dates.map((d) => api.utilization(procedure, d, d)),
  ]);
  const failed = [range, ...perDay].find((r) => !r.ok);
  if (failed) {
    if (failed.status === 401 || failed.status === 403) {
      signOut();
      errors.render($('signin'), { fields: [{ field: 'token', message: errors.explain(failed).message }], message: '' });
      return;
    }
    errors.show($('view'), failed);
    return;
  }
  errors.clear($('view'));
  state.snapshot = { procedure, dates, range: range.body, perDay: perDay.map((r) => r.body) };
  render();
  $('unserved').textContent = String(range.body.filedInTimeUnserved ?? 0);
  (await scarce()).update(procedure);
  $('updated').textContent = t('console.updated', { time: new Date().toLocaleTimeString(document.documentElement.lang) });
}

const heatClass = (booked, capacity) => {
  if (capacity === 0) return 'heat-closed';
  if (booked >= capacity) return 'heat-5';
  const share = booked / capacity;
  return share >= 0.9 ? 'heat-4' : share >= 0.7 ? 'heat-3' : share >= 0.4 ? 'heat-2' : share > 0 ? 'heat-1' : 'heat-0';
};

function fillCell(cell, booked, capacity) {
  cell.className = `heat ${heatClass(booked, capacity)}`;
  if (capacity === 0) {
    cell.replaceChildren(t('console.closed'));
    return;
  }
  const share = `${Math.round((100 * booked) / capacity)} %`;
  const label = booked >= capacity ? `${share} ${t('console.full')}` : share;
  cell.replaceChildren(label, node('small', `${booked}/${capacity}`));
}

function render() {
  const { procedure, dates, range, perDay } = state.snapshot;
  $('heat-caption').textContent = t('console.heatCaption', { procedure: procedureName(procedure) });
  const byDay = perDay.map((u) => ({
    offices: new Map(u.offices.map((o) => [o.officeId, o])),
    departments: new Map(u.departments.map((d) => [d.department, d])),
  }));
  const rows = range.departments.map((d) => ({ department: d, offices: range.offices.filter((o) => o.department === d.department) }));
  const shape = JSON.stringify([document.documentElement.lang, dates, rows.map((r) => [r.department.department, r.offices.map((o) => o.officeId)])]);
  const table = $('heat');
  if (shape !== state.shape) {
    state.shape = shape;
    state.cells.clear();
    const head = node('tr');
    head.append(node('th', t('console.office')), ...dates.map((d) => Object.assign(node('th', day(d)), { scope: 'col' })),
      node('th', t('console.soldOut')), node('th', t('console.waitlist')));
    head.firstChild.scope = 'col';
    head.children[dates.length + 1].scope = 'col';
    head.children[dates.length + 2].scope = 'col';
    table.tHead.replaceChildren(head);
    for (const body of [...table.tBodies]) body.remove();
    for (const row of rows) {
      const body = node('tbody');
      const line = (key, label, isDepartment) => {
        const tr = node('tr', undefined, isDepartment ? 'department' : undefined);
        const th = node('th', label);
        th.scope = 'row';
        tr.append(th);
        for (const d of dates) {
          const td = node('td');
          td.dataset.key = key;
          td.dataset.date = d;
          state.cells.set(`${key}|${d}`, td);
          tr.append(td);
        }
        const soldOut = node('td', undefined, 'num');
        const waiting = node('td', undefined, 'num');
        state.cells.set(`${key}|soldOut`, soldOut);
        state.cells.set(`${key}|waiting`, waiting);
        tr.append(soldOut, waiting);
        body.append(tr);
      };
      line(`dept:${row.department.department}`, `${row.department.department} (${t('console.department').toLowerCase()})`, true);
      for (const office of row.offices) line(office.officeId, office.name, false);
      table.append(body);
    }
  }
  for (const row of rows) {
    const key = `dept:${row.department.department}`;
    dates.forEach((d, i) => {
      const u = byDay[i].departments.get(row.department.department);
      fillCell(state.cells.get(`${key}|${d}`), u?.booked ?? 0, u?.capacity ?? 0);
    });
    state.cells.get(`${key}|soldOut`).textContent = String(row.department.soldOutDays);
    state.cells.get(`${key}|waiting`).textContent = String(row.department.waitlist);
    for (const office of row.offices) {
      dates.forEach((d, i) => {
        const u = byDay[i].offices.get(office.officeId);
        fillCell(state.cells.get(`${office.officeId}|${d}`), u?.booked ?? 0, u?.capacity ?? 0);
      });
      state.cells.get(`${office.officeId}|soldOut`).textContent = String(office.soldOutDays);
      state.cells.get(`${office.officeId}|waiting`).textContent = String(office.waitlist);
    }
  }
  const soldOut = [];
  dates.forEach((d, i) => {
    for (const o of perDay[i].offices) if (o.soldOutDays > 0) soldOut.push(`${o.name} – ${day(d)}`);
  });
  $('soldout').replaceChildren(...(soldOut.length ? soldOut : [t('console.soldOutNone')]).map((s) => node('li', s)));
  const waiting = range.offices.filter((o) => o.waitlist > 0).map((o) => `${o.name} (${o.department}): ${t('console.waiting', { n: o.waitlist })}`);
  $('waiting').replaceChildren(...(waiting.length ? waiting : [t('console.waitNone')]).map((s) => node('li', s)));
}

async function poll() {
  if (state.polling && $('live').checked && !document.hidden) await refresh();
  if (state.polling) state.timer = setTimeout(poll, pollEvery);
}

function startPolling() {
  clearTimeout(state.timer);
  state.polling = true;
  poll();
}

// ---- Operations ------------------------------------------------------------------------------------------------------
const value = (id) => $(id).value.trim();
const counters = (id) => (/^\d+$/.test(value(id)) ? Number(value(id)) : value(id) === '' ? undefined : value(id));

function relocationsTable(relocated) {
  const table = node('table');
  const caption = node('caption', t('console.relocCaption'));
  const head = node('tr');
  head.append(...['console.code', 'console.fromPlace', 'console.toPlace'].map((k) => Object.assign(node('th', t(k)), { scope: 'col' })));
  const body = node('tbody');
  for (const r of relocated) {
    const tr = node('tr');
    tr.append(node('td', r.code), node('td', place(r.from)), node('td', place(r.to)));
    body.append(tr);
  }
  const thead = node('thead');
  thead.append(head);
  table.append(caption, thead, body);
  return table;
}

function showChange(target, answer) {
  const parts = [node('p', t('console.done', { id: answer.operationId })), node('p', t('console.changedDays', { n: answer.changedDays.length })),
    node('p', t('console.relocations', { n: answer.relocated.length }))];
  if (answer.relocated.length) {
    // A region of its own that the keyboard can reach, so a wide table can be scrolled at phone width.
    const scroll = node('div', undefined, 'table-scroll');
    Object.assign(scroll, { tabIndex: 0 });
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-label', t('console.relocCaption'));
    scroll.append(relocationsTable(answer.relocated));
    parts.push(scroll);
  }
  if (answer.unplaced.length) {
    parts.push(node('p', t('console.unplaced', { n: answer.unplaced.length })));
    const list = node('ul');
    list.append(...answer.unplaced.map((a) => node('li', `${a.code}: ${officeName(a.officeId)}, ${day(a.date)} ${a.start}`)));
    parts.push(list);
  }
  $(target).replaceChildren(...parts);
}

async function operate(event, formId, resultId, send, shown) {
  event.preventDefault();
  const form = $(formId);
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  // One key per attempt: a retry of the same submission (after a lost answer) finishes the same operation.
  form.dataset.key ||= api.newKey();
  const result = await send(form.dataset.key);
  button.disabled = false;
  if (!result.ok) {
    $(resultId).replaceChildren();
    const explained = errors.show(form, result);
    if (result.problem?.type?.endsWith('idempotency-key-reused') || result.status < 500) delete form.dataset.key;
    return explained;
  }
  delete form.dataset.key;
  errors.clear(form);
  shown(result.body);
  refresh();
  loadAudit();
  return null;
}

const closeDay = (event) => operate(event, 'closure', 'closure-result', (key) => api.closeDay(value('c-office'), {
  date: value('c-date'), reason: value('c-reason'), relocate: $('c-relocate').checked,
}, key), (answer) => showChange('closure-result', answer));

const changeCapacity = (event) => operate(event, 'capacity', 'capacity-result', (key) => api.setCapacity(value('k-office'), {
  procedure: $('v-procedure').value, from: value('k-from'), to: value('k-to'), counters: counters('k-counters'),
  open: value('k-open') || undefined, close: value('k-close') || undefined, reason: value('k-reason') || undefined, relocate: $('k-relocate').checked,
}, key), (answer) => showChange('capacity-result', answer));

const transferCounters = (event) => operate(event, 'transfer', 'transfer-result', (key) => api.transfer({
  procedure: $('v-procedure').value, fromOfficeId: value('x-from-office'), toOfficeId: value('x-to-office'),
  from: value('x-from'), to: value('x-to'), counters: counters('x-counters'), reason: value('x-reason') || undefined, transferId: key,
}), (answer) => $('transfer-result').replaceChildren(node('p', t('console.transferDone', { id: answer.id, status: answer.status }))));

async function showRoster(event) {
  event.preventDefault();
  const form = $('roster');
  const result = await api.roster(value('r-office'), value('r-date'));
  if (!result.ok) {
    $('roster-result').replaceChildren();
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  const entries = result.body.procedures.flatMap((p) => p.slots.flatMap((s) => s.appointments.map((a) => ({ ...a, procedure: p.procedure }))));
  if (!entries.length) {
    $('roster-result').replaceChildren(node('p', t('console.rosterNone')));
    return;
  }
  const table = node('table');
  table.append(node('caption', `${officeName(result.body.officeId)} – ${day(result.body.date)}`));
  const head = node('tr');
  head.append(...['console.time', 'console.code', 'console.name', 'search.procedure', 'console.status'].map((k) => Object.assign(node('th', t(k)), { scope: 'col' })));
  const thead = node('thead');
  thead.append(head);
  const body = node('tbody');
  for (const a of entries) {
    const tr = node('tr');
    tr.append(node('td', a.start), node('td', a.code), node('td', a.fullName), node('td', procedureName(a.procedure)), node('td', t(`status.${a.status}`)));
    body.append(tr);
  }
  table.append(thead, body);
  $('roster-result').replaceChildren(table);
}

async function loadAudit(event) {
  event?.preventDefault();
  const form = $('audit');
  const result = await api.audit(value('a-from') || undefined);
  if (!result.ok) {
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  if (!result.body.length) {
    $('audit-result').replaceChildren(node('p', t('console.auditNone')));
    return;
  }
  const table = node('table');
  table.append(node('caption', t('console.audit')));
  const head = node('tr');
  head.append(...['console.at', 'console.actor', 'console.action', 'console.target', 'console.detail', 'console.reason', 'console.status']
    .map((k) => Object.assign(node('th', t(k)), { scope: 'col' })));
  const thead = node('thead');
  thead.append(head);
  const body = node('tbody');
  for (const e of [...result.body].reverse()) {
    const tr = node('tr');
    const at = new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'es-PE', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'America/Lima' }).format(new Date(e.at));
    tr.append(node('td', at), node('td', e.actor), node('td', e.action), node('td', e.target), node('td', e.detail), node('td', e.reason ?? ''), node('td', e.status));
    body.append(tr);
  }
  table.append(thead, body);
  $('audit-result').replaceChildren(table);
}

// ---- Start -----------------------------------------------------------------------------------------------------------
function fillSelect(select, items, label) {
  const keep = select.value;
  select.replaceChildren(...items.map((item) => Object.assign(node('option', label(item)), { value: item.id })));
  if (keep) select.value = keep;
}

async function start() {
  wireSwitch($('lang-switch'));
  const [procedures, offices] = await Promise.all([api.procedures(), api.offices()]);
  state.procedures = procedures.ok ? procedures.body : [];
  state.offices = (offices.ok ? offices.body : []).sort((a, b) => a.name.localeCompare(b.name));
  const fill = () => {
    fillSelect($('v-procedure'), state.procedures, (p) => procedureName(p.id));
    for (const id of ['c-office', 'k-office', 'x-from-office', 'x-to-office', 'r-office']) fillSelect($(id), state.offices, (o) => `${o.name} (${o.department})`);
  };
  fill();
  for (const id of ['v-from', 'c-date', 'k-from', 'k-to', 'x-from', 'x-to', 'r-date', 'a-from']) $(id).value = today();
  $('signin').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) {
      errors.render($('signin'), { fields: [{ field: 'token', message: t('error.required') }], message: '' });
      return;
    }
    signIn(token, $('signin'));
  });
  $('signout').addEventListener('click', signOut);
  $('view').addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  for (const id of ['v-procedure', 'v-from', 'v-days']) $(id).addEventListener('change', refresh);
  $('closure').addEventListener('submit', closeDay);
  $('capacity').addEventListener('submit', changeCapacity);
  $('transfer').addEventListener('submit', transferCounters);
  $('roster').addEventListener('submit', showRoster);
  $('audit').addEventListener('submit', loadAudit);
  document.addEventListener('visibilitychange', () => { if (!document.hidden && state.polling) refresh(); });
  onChange(() => {
    errors.translateShown();
    fill();
    const token = sessionStorage.getItem(tokenKey);
    if (token) $('who').textContent = t('console.signedIn', { name: tokenName(token) });
    state.shape = '';
    if (state.snapshot) render();
  });
  apply();
  const kept = sessionStorage.getItem(tokenKey);
  if (kept) await signIn(kept, null);
  document.body.dataset.ready = 'true';
}

start();
