// Turns what the API answers into plain words in the page's language, each tied to its field.
import { t } from './i18n.js';

// The API's validation messages (English, stable) mapped to plain words; anything else falls back to 'error.other'.
const patterns = [
  [/^is required/, () => t('error.required')],
  [/^is not a valid \w+ number/, () => t('error.documentNumber')],
  [/^must be 5 to 20 letters or digits/, () => t('error.documentFormat')],
  [/^may contain only letters/, () => t('error.fullName')],
  [/^must be an e-mail address/, () => t('error.email')],
  [/^must be a phone number/, () => t('error.phone')],
  [/^is in the past/, () => t('error.past')],
  [/^is beyond the booking window/, () => t('error.window')],
  [/^(is not on the slot grid|has already begun)/, () => t('error.slotGone')],
  [/^must be a (date|local date)|^must be a date/, () => t('error.date')],
  [/^must be a local time/, () => t('error.time')],
  [/^must be at most (\d+) characters/, (m) => t('error.tooLong', { n: m[1] })],
  [/^must be at least (\d+) characters/, (m) => t('error.tooShort', { n: m[1] })],
  [/^must be an ISO 3166-1/, () => t('error.country')],
  [/^must be one of|^must be a weekday/, () => t('error.choice')],
  [/^must be between (-?[\d.]+) and (-?[\d.]+)/, (m) => t('error.range', { a: m[1], b: m[2] })],
  [/^must be at least (\d+)$/, (m) => t('error.atLeast', { n: m[1] })],
  [/^must be a (whole )?number/, () => t('error.number')],
  [/^must not contain control/, () => t('error.control')],
  [/^must not be before 'from'|^must be after open/, () => t('error.beforeFrom')],
  [/^must be within \d+ days|^must not be more than \d+ days ahead/, () => t('error.withinYear')],
  [/^the range may span/, () => t('error.span')],
  [/^must differ from/, () => t('error.sameOffice')],
  [/^must be LAT,LON/, () => t('error.near')],
  [/does not (serve|offer)/, () => t('error.notServed')],
  [/^(is unknown|unknown|there is no)/i, () => t('error.unknown')],
];

const plain = (message) => {
  for (const [pattern, text] of patterns) {
    const match = pattern.exec(message ?? '');
    if (match) return text(match);
  }
  return t('error.other');
};

const kind = (problem) => (problem?.type ?? '').split('/').pop();

/**
 * What a failed call means: { fields: [{ field, message }], message }. Field names are the API's (JSON paths such as
 * applicant.documentNumber, or a header name); message is for what belongs to no field. notFound overrides the 404 text.
 */
export function explain(result, { notFound } = {}) {
  const problem = result.problem ?? {};
  const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => ({ field, message: plain(messages[0]) }));
  switch (result.status === 0 ? 'network' : kind(problem)) {
    case 'validation-error': return { fields, message: fields.length ? '' : t('error.generic') };
    case 'network': return { fields, message: t('error.network') };
    case 'not-found': return { fields, message: notFound ?? t('error.notFound') };
    case 'slot-full': return { fields, message: t('book.slotFull'), alternatives: problem.alternatives };
    case 'already-booked': return { fields, message: t('error.alreadyBooked') };
    case 'already-waiting': return { fields, message: t('error.alreadyWaiting') };
    case 'not-offered': return { fields: [{ field: 'start', message: t('error.notOffered') }], message: '' };
    case 'rate-limited': return { fields, message: t('error.rateLimited', { s: result.retryAfter ?? 60 }) };
    case 'body-too-large': return { fields, message: t('error.bodyTooLarge') };
    case 'idempotency-key-reused': return { fields: [], message: t('error.keyReused') };
    case 'unauthorized': return { fields, message: t('error.unauthorized') };
    case 'forbidden': return { fields, message: t('error.forbidden') };
    case 'capacity-conflict': return { fields, message: t('error.capacityConflict') };
    case 'transfer-refused': return { fields, message: t('error.transferRefused') };
    case 'allocation-mode-batch': return { fields, message: t('error.batchMode') };
    case 'allocation-mode-first-come': return { fields, message: t('error.firstCome') };
    case 'already-requested': return { fields, message: t('error.alreadyRequested') };
    case 'admission-refused': return { fields, message: t('error.admission') };
    case 'allocation-open-requests': return { fields, message: t('error.openRequests') };
    default:
      if (result.status === 401) return { fields, message: t('error.unauthorized') };
      if (result.status === 403) return { fields, message: t('error.forbidden') };
      if (result.status >= 500) return { fields, message: t('error.unavailable') };
      return { fields, message: fields.length ? '' : t('error.generic') };
  }
}

/** Removes every error shown in form (messages, aria-invalid, the summary). */
export function clear(form) {
  for (const input of form.querySelectorAll('[aria-invalid="true"]')) {
    input.removeAttribute('aria-invalid');
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' ')); else input.removeAttribute('aria-describedby');
  }
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  const summary = form.querySelector('.form-problem');
  summary.hidden = true;
  summary.replaceChildren();
}

/**
 * Shows a failed call on form: each field's message under its input (found by data-field = the API's field name),
 * marked aria-invalid and added to its aria-describedby; the rest in the form's alert box, whose links lead to the
 * fields. Focus goes to the box, so a screen reader reads it and the keyboard starts from it. Returns the explanation.
 */
export function show(form, result, options) {
  const explained = render(form, explain(result, options));
  shown.set(form, () => explain(result, options));
  return explained;
}

// What each form shows, as a function, so that a language switch can say it again in the new language.
const shown = new Map();

/** Says every error on screen again in the current language, without moving focus. */
export function translateShown() {
  // A copy: render() takes each form out of the map and it is put back, which a live iteration would visit again.
  for (const [form, explained] of [...shown]) {
    if (form.querySelector('.form-problem').hidden) continue;
    render(form, explained(), { focus: false });
    shown.set(form, explained);
  }
}

/** Shows an explanation (see explain) on form. */
export function render(form, explained, { focus = true } = {}) {
  shown.delete(form);
  clear(form);
  const summary = form.querySelector('.form-problem');
  const items = [];
  for (const { field, message } of explained.fields) {
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) {
      items.push(document.createTextNode(`${t(`field.${field}`)}: ${message}`));
      continue;
    }
    const note = document.createElement('p');
    note.className = 'field-error';
    note.id = `${input.id}-error`;
    note.textContent = message;
    input.closest('.field').append(note);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
    const link = document.createElement('a');
    link.href = `#${input.id}`;
    link.textContent = `${form.querySelector(`label[for="${input.id}"]`)?.textContent ?? field}: ${message}`;
    items.push(link);
  }
  const heading = document.createElement('p');
  heading.className = 'problem-heading';
  heading.textContent = explained.message || (items.length === 1 ? t('error.summary1') : t('error.summary', { n: items.length }));
  summary.append(heading);
  if (items.length) {
    const list = document.createElement('ul');
    for (const item of items) {
      const li = document.createElement('li');
      li.append(item);
      list.append(li);
    }
    summary.append(list);
  }
  summary.hidden = false;
  if (focus) summary.focus();
  return explained;
}
