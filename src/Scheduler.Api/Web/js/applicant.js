// The applicant's page: find offices near a place, see the earliest free times, book, read / move / cancel an
// appointment with its code and document number, join the waitlist. Each part is a function over its own section.
import * as api from './api.js';
import { apply, day, lang, number, onChange, t, has, wireSwitch } from './i18n.js';
import * as errors from './errors.js';
import { draw } from './map.js';
import { places } from './places.js';

const $ = (id) => document.getElementById(id);
const documentTypes = ['PASSPORT', 'CEDULA', 'CPP', 'PTP', 'CE', 'DNI'];
const countries = ['VE', 'CO', 'EC', 'HT', 'CU', 'BO', 'CL', 'AR', 'CN', 'PE', 'US', 'ES'];

/** Today in Lima (the offices' zone) as YYYY-MM-DD. */
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date());
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

const state = {
  procedures: [],
  offices: new Map(),
  here: null, // [lat, lon] from the browser, when the applicant asked for it
  results: [],
  chosen: null, // { officeId, officeName, date, start, end }
  bookingKey: null,
  appointment: null, // { code, documentNumber, body }
  manageMessage: '',
  batchProcedures: new Set(), // procedures the API said are allocated in batches (409 allocation-mode-batch)
};

// Requests (batch mode) and the waiting room live in scarcity.js, fetched the first time they are needed.
let scarcityModule = null;
const scarcity = () => (scarcityModule ??= import('./scarcity.js'));
const kind = (result) => (result.problem?.type ?? '').split('/').pop();

/**
 * How a chosen slot becomes an appointment: a booking at once. A procedure allocated in batches takes a request instead,
 * and one whose waiting room is on needs a turn first (submitBooking, with scarcity.js); the rest of the page is the same.
 */
export const flow = { submit: (request, key) => api.book(request, key) };

const procedureName = (id) => (has(`proc.${id}`) ? t(`proc.${id}`) : state.procedures.find((p) => p.id === id)?.name ?? id);
const officeName = (id) => state.offices.get(id)?.name ?? id;
const when = (date, start) => `${day(date)}, ${start}`;

function fillOptions(select, values, label, selected) {
  const keep = select.value || selected;
  select.replaceChildren(...values.map((value) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label(value);
    return option;
  }));
  if (values.includes(keep)) select.value = keep;
}

function fillStaticChoices() {
  fillOptions($('procedure'), state.procedures.map((p) => p.id), procedureName);
  for (const id of ['doc-type', 'wl-doc-type', 'rc-doc-type']) fillOptions($(id), documentTypes, (d) => t(`doc.${d}`), 'PASSPORT');
  for (const id of ['country', 'wl-country', 'rc-country']) fillOptions($(id), countries, (c) => t(`country.${c}`), 'VE');
  const place = $('place');
  const options = places.map(([name], index) => [String(index), name]);
  if (state.here) options.unshift(['here', t('search.myLocation')]);
  const keep = place.value || '0';
  place.replaceChildren(...options.map(([value, name]) => Object.assign(document.createElement('option'), { value, textContent: name })));
  place.value = options.some(([value]) => value === keep) ? keep : '0';
}

const near = () => {
  const value = $('place').value;
  const [lat, lon] = value === 'here' ? state.here : places[Number(value)].slice(1);
  return [lat, lon];
};
const nearText = () => near().map((n) => n.toFixed(4)).join(',');
const placeName = () => ($('place').value === 'here' ? t('search.myLocation') : places[Number($('place').value)][0]);

// ---- 1. Search ---------------------------------------------------------------------------------------------------
async function search() {
  const form = $('search');
  errors.clear(form);
  $('search-status').textContent = t('search.loading');
  const result = await api.earliest($('procedure').value, nearText(), $('radius').value);
  if (!result.ok) {
    $('search-status').textContent = '';
    errors.show(form, result);
    return;
  }
  state.results = result.body;
  renderResults();
  renderWaitlistArea();
}

function renderResults() {
  const list = $('results');
  const found = state.results;
  $('search-status').textContent = found.length ? t('search.count', { n: found.length }) : '';
  $('no-results').hidden = found.length > 0;
  list.replaceChildren(...found.map((slot, index) => {
    const item = document.createElement('li');
    item.className = 'result';
    const title = document.createElement('h4');
    title.textContent = `${index + 1}. ${slot.officeName}`;
    const facts = document.createElement('p');
    facts.textContent = `${slot.department} · ${t('slot.distance', { km: number(slot.distanceKm) })} · ${slot.free === 1 ? t('slot.free1') : t('slot.free', { n: slot.free })}`;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const bookButton = document.createElement('button');
    bookButton.type = 'button';
    bookButton.textContent = t('slot.book', { when: when(slot.date, slot.start) });
    bookButton.setAttribute('aria-label', `${t('slot.book', { when: when(slot.date, slot.start) })} – ${slot.officeName}`);
    bookButton.addEventListener('click', () => choose({ officeId: slot.officeId, officeName: slot.officeName, date: slot.date, start: slot.start, end: slot.end }));
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'secondary';
    more.textContent = t('slot.more');
    more.setAttribute('aria-label', `${t('slot.more')} – ${slot.officeName}`);
    more.setAttribute('aria-expanded', 'false');
    const days = document.createElement('div');
    days.className = 'days';
    days.id = `days-${slot.officeId}`;
    more.setAttribute('aria-controls', days.id);
    more.addEventListener('click', () => showDays(slot, days, more));
    actions.append(bookButton, more);
    item.append(title, facts, actions, days);
    return item;
  }));
  draw($('map'), t('search.map'), state.here && $('place').value === 'here' ? state.here : near(),
    found.map((slot) => state.offices.get(slot.officeId)).filter(Boolean));
}

async function showDays(slot, container, toggle) {
  if (toggle.getAttribute('aria-expanded') === 'true') {
    toggle.setAttribute('aria-expanded', 'false');
    container.replaceChildren();
    return;
  }
  const from = slot.date;
  const result = await api.availability(slot.officeId, $('procedure').value, from, addDays(from, 6));
  toggle.setAttribute('aria-expanded', 'true');
  const heading = document.createElement('h5');
  heading.textContent = t('slot.days', { office: slot.officeName });
  const days = result.ok ? result.body.days.filter((d) => d.free > 0) : [];
  if (!days.length) {
    const none = document.createElement('p');
    none.textContent = result.ok ? t('slot.noDays') : errors.explain(result).message;
    container.replaceChildren(heading, none);
    return;
  }
  container.replaceChildren(heading, ...days.map((d) => {
    const group = document.createElement('div');
    group.className = 'day';
    const name = document.createElement('p');
    name.className = 'day-name';
    name.textContent = day(d.date);
    const times = document.createElement('div');
    times.className = 'times';
    for (const s of d.slots.filter((s) => s.free > 0)) {
      const pick = document.createElement('button');
      pick.type = 'button';
      pick.className = 'time';
      pick.textContent = s.start;
      pick.setAttribute('aria-label', t('slot.pick', { time: `${when(d.date, s.start)} – ${slot.officeName}` }));
      pick.addEventListener('click', () => choose({ officeId: slot.officeId, officeName: slot.officeName, date: d.date, start: s.start, end: s.end }));
      times.append(pick);
    }
    group.append(name, times);
    return group;
  }));
}

// ---- 2. Book -----------------------------------------------------------------------------------------------------
function choose(slot) {
  state.chosen = slot;
  state.bookingKey = api.newKey();
  $('chosen').textContent = `${slot.officeName} – ${when(slot.date, slot.start)}`;
  $('alternatives').replaceChildren();
  errors.clear($('book'));
  $('room').hidden = true;
  $('book-section').hidden = false;
  if (state.batchProcedures.has($('procedure').value)) scarcity().then((s) => s.showRequestForm(pageFacts));
  else if (!$('request-area').hidden) scarcity().then((s) => s.hideRequestForm());
  $('book-title').focus();
}

function applicantFrom(prefix) {
  const value = (id) => $(`${prefix}${id}`).value.trim();
  return {
    documentType: value('doc-type'),
    documentNumber: value('doc-number'),
    country: value('country'),
    fullName: value(prefix ? 'name' : 'full-name'),
    email: value('email') || undefined,
    phone: prefix ? undefined : value('phone') || undefined,
  };
}

async function submitBooking(event) {
  event.preventDefault();
  const form = $('book');
  const submit = $('book-submit');
  if (submit.disabled || !state.chosen) return;
  submit.disabled = true;
  submit.textContent = t('book.sending');
  if (state.batchProcedures.has($('procedure').value)) {
    submit.disabled = false;
    const filed = await (await scarcity()).fileRequest(pageFacts, state.bookingKey);
    if (!filed.ok && kind(filed) === 'allocation-mode-first-come') {
      state.batchProcedures.delete($('procedure').value);
      (await scarcity()).hideRequestForm();
    }
    return;
  }
  const { officeId, date, start } = state.chosen;
  const request = { procedure: $('procedure').value, officeId, date, start, applicant: applicantFrom('') };
  let result = await flow.submit(request, state.bookingKey);
  if (!result.ok && kind(result) === 'admission-refused') {
    // The waiting room is on: take a place, wait for the turn, then the same booking (same key) with the token.
    result = await (await scarcity()).bookAfterTurn(pageFacts, request, state.bookingKey);
  }
  submit.disabled = false;
  submit.textContent = t('book.submit');
  if (!result) return;
  if (!result.ok && kind(result) === 'allocation-mode-batch') {
    state.batchProcedures.add(request.procedure);
    // A request is a different call with its own key.
    state.bookingKey = api.newKey();
    (await scarcity()).showRequestForm(pageFacts);
    errors.show(form, result);
    return;
  }
  if (!result.ok) {
    const explained = errors.show(form, result);
    if (explained.alternatives) showAlternatives(explained.alternatives);
    return;
  }
  errors.clear(form);
  showBooked(result.body, request.applicant.documentNumber);
}

function showAlternatives({ sameOffice = [], nearbyOffices = [] }) {
  const options = [
    ...sameOffice.map((a) => ({ officeId: state.chosen.officeId, officeName: state.chosen.officeName, ...a })),
    ...nearbyOffices,
  ].slice(0, 6);
  $('alternatives').replaceChildren(...options.map((a) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = `${a.officeName} – ${when(a.date, a.start)}`;
    button.addEventListener('click', () => choose({ officeId: a.officeId, officeName: a.officeName, date: a.date, start: a.start, end: a.end }));
    return button;
  }));
}

function showBooked(appointment, documentNumber) {
  state.appointment = { code: appointment.code, documentNumber, body: appointment };
  $('book-section').hidden = true;
  $('done-section').hidden = false;
  $('done-code').textContent = appointment.code;
  $('done-details').textContent = `${procedureName(appointment.procedure)} · ${officeName(appointment.officeId)} · ${when(appointment.date, appointment.start)}`;
  $('done-title').focus();
}

// ---- 3. See, move, cancel ------------------------------------------------------------------------------------------
async function lookUp(event) {
  event?.preventDefault();
  const form = $('manage');
  const code = $('manage-code').value.trim().toUpperCase();
  const documentNumber = $('manage-doc').value.trim();
  const missing = [];
  if (!code) missing.push({ field: 'code' });
  if (!documentNumber) missing.push({ field: 'X-Document-Number' });
  if (missing.length) {
    // The API would answer 404 to an empty code: say what is missing instead, in the same words it would use.
    errors.show(form, { status: 400, problem: { type: 'validation-error', errors: Object.fromEntries(missing.map((m) => [m.field, ['is required']])) } });
    return;
  }
  const result = await api.appointment(code, documentNumber);
  if (!result.ok) {
    $('appointment').hidden = true;
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  state.appointment = { code, documentNumber, body: result.body };
  renderAppointment();
  $('appointment').hidden = false;
}

// message is a text key ('' for none), kept so that a language switch says it again in the new language.
function renderAppointment(message = '') {
  const a = state.appointment?.body;
  if (!a) return;
  state.manageMessage = message;
  $('ap-status').textContent = t(`status.${a.status}`);
  $('ap-procedure').textContent = procedureName(a.procedure);
  $('ap-office').textContent = officeName(a.officeId);
  $('ap-when').textContent = `${when(a.date, a.start)}–${a.end}`;
  $('ap-who').textContent = a.applicant.fullName;
  $('ap-history').replaceChildren(...a.history.map((h) => {
    const item = document.createElement('li');
    const at = new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'es-PE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Lima' }).format(new Date(h.at));
    item.textContent = `${at}: ${has(`history.${h.action}`) ? t(`history.${h.action}`) : h.action}`;
    return item;
  }));
  $('ap-actions').hidden = a.status !== 'booked';
  $('manage-status').textContent = message ? t(message) : '';
}

async function openReschedule() {
  const form = $('reschedule');
  const opening = form.hidden;
  form.hidden = !opening;
  $('show-reschedule').setAttribute('aria-expanded', String(opening));
  if (!opening) return;
  const a = state.appointment.body;
  const offices = [...state.offices.values()].filter((o) => o.procedures.includes(a.procedure)).sort((x, y) => x.name.localeCompare(y.name));
  fillOptions($('re-office'), offices.map((o) => o.id), officeName, a.officeId);
  $('re-date').min = today();
  $('re-date').value ||= a.date;
  await loadTimes();
  $('re-office').focus();
}

async function loadTimes() {
  const form = $('reschedule');
  errors.clear(form);
  const date = $('re-date').value;
  const result = await api.availability($('re-office').value, state.appointment.body.procedure, date, date);
  if (!result.ok) {
    errors.show(form, result);
    return;
  }
  const free = (result.body.days[0]?.slots ?? []).filter((s) => s.free > 0).map((s) => s.start);
  fillOptions($('re-start'), free, (s) => s);
  if (!free.length) errors.show(form, { status: 404, problem: { type: 'not-found' } }, { notFound: t('reschedule.noSlots') });
}

async function submitReschedule(event) {
  event.preventDefault();
  const form = $('reschedule');
  const { code, documentNumber } = state.appointment;
  const body = { officeId: $('re-office').value, date: $('re-date').value, start: $('re-start').value || undefined };
  let result = await api.reschedule(code, documentNumber, body);
  if (!result.ok && kind(result) === 'admission-refused') {
    result = await (await scarcity()).rescheduleAfterTurn(pageFacts, state.appointment.body.procedure, code, documentNumber, body);
    if (!result) return;
  }
  if (!result.ok) {
    const explained = errors.show(form, result);
    if (explained.alternatives) await loadTimes();
    return;
  }
  errors.clear(form);
  form.hidden = true;
  $('show-reschedule').setAttribute('aria-expanded', 'false');
  state.appointment.body = result.body;
  renderAppointment('manage.moved');
}

async function confirmCancel() {
  const { code, documentNumber } = state.appointment;
  const result = await api.cancel(code, documentNumber);
  $('cancel-confirm').hidden = true;
  if (!result.ok) {
    $('manage-status').textContent = errors.explain(result).message;
    return;
  }
  const read = await api.appointment(code, documentNumber);
  if (read.ok) state.appointment.body = read.body;
  renderAppointment('manage.cancelled');
  $('cancel').focus();
}

// The same answer whether or not anything exists (the API's rule): a document number is not a secret.
async function recoverCode(event) {
  event.preventDefault();
  const form = $('recover');
  const request = { documentType: $('rc-doc-type').value, documentNumber: $('rc-doc-number').value.trim(), country: $('rc-country').value, procedure: $('procedure').value };
  const result = await api.recover(request);
  if (!result.ok) {
    $('recover-result').textContent = '';
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  $('recover-result').textContent = t('recover.sent');
}

// ---- 4. Waitlist -------------------------------------------------------------------------------------------------
function renderWaitlistArea() {
  $('waitlist-area').textContent = t('waitlist.near', { place: placeName(), km: $('radius').value, procedure: procedureName($('procedure').value) });
}

async function joinWaitlist(event) {
  event.preventDefault();
  const form = $('waitlist');
  const request = {
    procedure: $('procedure').value, near: nearText(), radiusKm: Number($('radius').value),
    from: $('wl-from').value || undefined, to: $('wl-to').value || undefined, applicant: applicantFrom('wl-'),
  };
  const result = await api.joinWaitlist(request);
  if (!result.ok) {
    $('waitlist-result').textContent = '';
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  const entry = result.body;
  const lines = [entry.status === 'booked' ? t('waitlist.booked', { code: entry.code }) : t('waitlist.joined'), `${t('waitlist.id')}: ${entry.id}`];
  if (entry.position) lines.push(t('waitlist.position', { n: entry.position }));
  $('waitlist-result').textContent = lines.join(' ');
}

// What scarcity.js needs to know of the page.
const pageFacts = {
  chosen: () => state.chosen,
  applicant: () => applicantFrom(''),
  near: nearText,
  placeName,
  officeName,
  today,
  addDays,
};

// ---- Start ---------------------------------------------------------------------------------------------------------
function locate() {
  if (!navigator.geolocation) {
    $('search-status').textContent = t('search.locateFailed');
    return;
  }
  $('search-status').textContent = t('search.locating');
  navigator.geolocation.getCurrentPosition((position) => {
    state.here = [position.coords.latitude, position.coords.longitude];
    fillStaticChoices();
    $('place').value = 'here';
    search();
  }, () => { $('search-status').textContent = t('search.locateFailed'); }, { timeout: 10000, maximumAge: 600000 });
}

async function start() {
  wireSwitch($('lang-switch'));
  const [procedures, offices] = await Promise.all([api.procedures(), api.offices()]);
  state.procedures = procedures.ok ? procedures.body : [];
  for (const office of offices.ok ? offices.body : []) state.offices.set(office.id, office);
  fillStaticChoices();
  $('wl-from').value = today();
  $('wl-to').value = addDays(today(), 13);
  $('search').addEventListener('submit', (event) => { event.preventDefault(); search(); });
  for (const id of ['procedure', 'place', 'radius']) $(id).addEventListener('change', search);
  $('locate').addEventListener('click', locate);
  $('book').addEventListener('submit', submitBooking);
  $('change-slot').addEventListener('click', () => { $('book-section').hidden = true; $('search-title').focus(); });
  $('done-manage').addEventListener('click', () => {
    $('manage-code').value = state.appointment.code;
    $('manage-doc').value = state.appointment.documentNumber;
    $('done-section').hidden = true;
    lookUp();
    $('manage-title').focus();
  });
  $('done-another').addEventListener('click', () => { $('done-section').hidden = true; $('search-title').focus(); });
  $('manage').addEventListener('submit', lookUp);
  $('recover').addEventListener('submit', recoverCode);
  $('show-reschedule').addEventListener('click', openReschedule);
  $('re-load').addEventListener('click', loadTimes);
  $('re-office').addEventListener('change', loadTimes);
  $('reschedule').addEventListener('submit', submitReschedule);
  $('cancel').addEventListener('click', () => { $('cancel-confirm').hidden = false; $('cancel-yes').focus(); });
  $('cancel-no').addEventListener('click', () => { $('cancel-confirm').hidden = true; $('cancel').focus(); });
  $('cancel-yes').addEventListener('click', confirmCancel);
  $('waitlist').addEventListener('submit', joinWaitlist);
  $('request-check').addEventListener('submit', async (event) => { event.preventDefault(); (await scarcity()).checkRequest(pageFacts); });
  $('rq-withdraw').addEventListener('click', async () => (await scarcity()).withdraw(pageFacts));
  onChange(() => {
    errors.translateShown();
    fillStaticChoices();
    renderResults();
    renderWaitlistArea();
    if (state.chosen) $('chosen').textContent = `${state.chosen.officeName} – ${when(state.chosen.date, state.chosen.start)}`;
    renderAppointment(state.manageMessage);
  });
  apply();
  await search();
  document.body.dataset.ready = 'true';
}

start();
