// The applicant's page under scarcity, loaded only when needed (the first load stays small): a procedure allocated in
// batches takes a request instead of a booking (file, read, withdraw), and a procedure whose waiting room is on gives a
// booking a turn first (take a place, solve the proof of work in a worker, wait with position and ETA, book with the
// token). The page (applicant.js) hands over what it knows as `page`.
import * as api from './api.js';
import { day, lang, onChange, t } from './i18n.js';
import * as errors from './errors.js';

const $ = (id) => document.getElementById(id);
const kind = (result) => (result.problem?.type ?? '').split('/').pop();
const instant = (iso) => new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'es-PE',
  { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Lima' }).format(new Date(iso));

let page = null;
let viewed = null; // { id, documentNumber, body, message }
let roomSays = null; // [key, values] last said in the waiting room, said again on a language switch

/** Called once, when the module first loads: keeps what it wrote in step with the language switch. */
function attach(given) {
  if (page) return;
  page = given;
  onChange(() => {
    if (!$('request-area').hidden) fillWhere();
    if (viewed) renderRequest();
    if (roomSays) say(...roomSays);
  });
}

// ---- Batch mode: a request instead of a booking ----------------------------------------------------------------------
function fillWhere() {
  const select = $('rq-where');
  const keep = select.value;
  const chosen = page.chosen();
  const options = [['near', t('request.whereNear', { km: $('radius').value, place: page.placeName() })]];
  if (chosen) options.push([chosen.officeId, t('request.whereOffice', { office: chosen.officeName })]);
  select.replaceChildren(...options.map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text })));
  if (options.some(([value]) => value === keep)) select.value = keep;
}

/** The chosen procedure is allocated in batches: the booking form becomes a request form (same applicant fields). */
export function showRequestForm(given) {
  attach(given);
  fillWhere();
  const chosen = page.chosen();
  $('rq-from').min = page.today();
  $('rq-from').value ||= chosen?.date ?? page.today();
  $('rq-to').value ||= page.addDays($('rq-from').value, 13);
  $('request-area').hidden = false;
  $('book-submit').textContent = t('request.submit');
  $('book-submit').dataset.i18n = 'request.submit';
}

/** Back to booking (another procedure, or the operator switched back to first-come). */
export function hideRequestForm() {
  $('request-area').hidden = true;
  $('book-submit').dataset.i18n = 'book.submit';
  $('book-submit').textContent = t('book.submit');
}

export async function fileRequest(given, key) {
  attach(given);
  const form = $('book');
  const where = $('rq-where').value;
  const body = {
    procedure: $('procedure').value, applicant: page.applicant(), near: page.near(), radiusKm: Number($('radius').value),
    offices: where === 'near' ? undefined : [where], from: $('rq-from').value || undefined, to: $('rq-to').value || undefined,
  };
  const submit = $('book-submit');
  submit.disabled = true;
  submit.textContent = t('request.sending');
  let result = await api.fileRequest(body, key);
  if (!result.ok && kind(result) === 'admission-refused') {
    const token = await waitForTurn(body.procedure);
    result = token ? await api.fileRequest(body, key, token) : result;
  }
  submit.disabled = false;
  submit.textContent = t('request.submit');
  if (!result.ok) {
    errors.show(form, result);
    return result;
  }
  errors.clear(form);
  $('book-section').hidden = true;
  $('rq-id').value = result.body.id;
  $('rq-doc').value = body.applicant.documentNumber;
  await checkRequest(given, 'request.filed');
  $('request-title').focus();
  return result;
}

/** Reads the request named in "My request" (id + document number) and shows it. */
export async function checkRequest(given, message = '') {
  attach(given);
  const form = $('request-check');
  const id = $('rq-id').value.trim().toUpperCase();
  const documentNumber = $('rq-doc').value.trim();
  const missing = [];
  if (!id) missing.push('id');
  if (!documentNumber) missing.push('X-Document-Number');
  if (missing.length) {
    errors.show(form, { status: 400, problem: { type: 'validation-error', errors: Object.fromEntries(missing.map((f) => [f, ['is required']])) } });
    return;
  }
  const result = await api.request(id, documentNumber);
  if (!result.ok) {
    $('request-view').hidden = true;
    viewed = null;
    errors.show(form, result);
    return;
  }
  errors.clear(form);
  viewed = { id, documentNumber, body: result.body, message };
  renderRequest();
  $('request-view').hidden = false;
}

function renderRequest() {
  const r = viewed.body;
  $('rv-id').textContent = r.id;
  $('rv-status').textContent = t(`rstatus.${r.status}`);
  $('rv-batch').textContent = r.batch ?? t('request.none');
  $('rv-decides').textContent = r.decidesAt ? instant(r.decidesAt) : r.status === 'open' ? t('request.nextRelease') : t('request.none');
  $('rv-window').textContent = `${day(r.from)} – ${day(r.to)}`;
  $('rv-result').textContent = r.status === 'assigned' && r.appointment
    ? t('request.assigned', { code: r.code, where: `${page.officeName(r.appointment.officeId)}, ${day(r.appointment.date)}, ${r.appointment.start}` })
    : t('request.none');
  $('rq-withdraw').hidden = r.status !== 'open';
  $('request-status').textContent = viewed.message ? t(viewed.message, { id: r.id }) : '';
}

export async function withdraw(given) {
  attach(given);
  if (!viewed) return;
  const result = await api.withdrawRequest(viewed.id, viewed.documentNumber);
  if (!result.ok) {
    $('request-status').textContent = errors.explain(result).message;
    return;
  }
  $('rq-id').value = viewed.id;
  await checkRequest(given, 'request.withdrawn');
  $('rq-doc').focus();
}

// ---- The waiting room --------------------------------------------------------------------------------------------
function say(key, values = {}) {
  roomSays = [key, values];
  $('room-live').textContent = t(key, values);
}

const eta = (seconds) => (seconds < 90 ? t('room.seconds', { n: Math.max(1, Math.round(seconds)) }) : t('room.minutes', { n: Math.round(seconds / 60) }));
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Solves a challenge in a worker (the page stays responsive), reporting progress on the bar and in the live region. */
function solve(challenge, difficulty) {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/web/js/pow-worker.js');
    let spoken = -1;
    worker.onmessage = ({ data }) => {
      if (data.answer !== undefined) {
        worker.terminate();
        $('room-progress').value = 1;
        resolve(data.answer);
        return;
      }
      $('room-progress').value = data.progress;
      // The live region speaks in steps of a quarter, not at every report.
      const pct = Math.floor(data.progress * 4) * 25;
      if (pct !== spoken) {
        spoken = pct;
        say('room.solving', { pct });
      }
    };
    worker.onerror = (event) => { worker.terminate(); reject(event); };
    worker.postMessage({ challenge, difficulty });
  });
}

/**
 * Takes a place in the procedure's waiting room and waits for the turn, showing position and ETA (polled as the server
 * asks, pollAfterSeconds). Answers the admission token, or null with the reason shown on the booking form.
 */
export async function waitForTurn(procedure, form = $('book')) {
  // One room on the page: it moves into the form that is waiting (the booking or the reschedule), above its buttons.
  const buttons = [...form.querySelectorAll(':scope > .actions')].at(-1);
  if ($('room').parentElement !== form || $('room').nextElementSibling !== buttons) form.insertBefore($('room'), buttons);
  $('room').hidden = false;
  $('room-progress').removeAttribute('value');
  $('room-detail').textContent = '';
  $('room-title').focus();
  say('room.joining');
  let joined = await api.joinRoom({ procedure });
  if (!joined.ok && kind(joined) === 'proof-of-work-required') {
    $('room-progress').value = 0;
    say('room.solving', { pct: 0 });
    const { challenge, difficulty } = joined.problem;
    const answer = await solve(challenge, difficulty);
    say('room.joining');
    joined = await api.joinRoom({ procedure, challenge, answer });
  }
  if (!joined.ok) {
    $('room').hidden = true;
    errors.show(form, joined);
    return null;
  }
  let ticket = joined.body;
  const first = Math.max(ticket.position, 1);
  while (ticket.status === 'waiting') {
    $('room-progress').value = 1 - ticket.position / first;
    say('room.waiting', { n: ticket.position, eta: eta(ticket.etaSeconds) });
    $('room-detail').textContent = ticket.earlyArrival ? t('room.early') : '';
    await sleep(Math.max(ticket.pollAfterSeconds, 0.5) * 1000);
    const polled = await api.ticket(ticket.ticket);
    if (!polled.ok) {
      if (kind(polled) === 'rate-limited' || polled.status === 0 || polled.status >= 500) {
        await sleep((polled.retryAfter ?? 2) * 1000);
        continue;
      }
      $('room').hidden = true;
      errors.show(form, polled);
      return null;
    }
    ticket = polled.body;
  }
  if (ticket.status !== 'admitted') {
    say('room.expired');
    return null;
  }
  $('room-progress').value = 1;
  say('room.admitted');
  return ticket.token;
}

/** A move refused for want of a turn: wait for one in the reschedule form, then send the same move with it. */
export async function rescheduleAfterTurn(given, procedure, code, documentNumber, body) {
  attach(given);
  const token = await waitForTurn(procedure, $('reschedule'));
  if (!token) return null;
  const result = await api.reschedule(code, documentNumber, body, token);
  $('room').hidden = true;
  roomSays = null;
  return result;
}

/** A booking refused for want of a turn: wait for one, then send the same booking (same Idempotency-Key) with it. */
export async function bookAfterTurn(given, request, key) {
  attach(given);
  const token = await waitForTurn(request.procedure);
  if (!token) return null;
  const result = await api.book(request, key, token);
  $('room').hidden = true;
  roomSays = null;
  return result;
}
