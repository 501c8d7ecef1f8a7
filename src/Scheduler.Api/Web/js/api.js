// The public HTTP API, as the pages call it. Every answer comes back as { ok, status, body, problem, retryAfter }:
// an RFC 7807 problem (or a network failure, as status 0) is data for errors.js to explain, never an exception.
const base = '/api/v1';

let bearer = null;

/** The operator token sent with every call from now on (null: none). */
export const useToken = (token) => { bearer = token; };

export async function call(method, path, { body, headers = {}, query } = {}) {
  const url = new URL(base + path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (bearer) init.headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, problem: { type: 'network' } };
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  const retryAfter = Number(response.headers.get('Retry-After')) || null;
  return response.ok
    ? { ok: true, status: response.status, body: data }
    : { ok: false, status: response.status, problem: data ?? { status: response.status }, retryAfter };
}

/** A fresh key for one booking, move or operator change: retrying the same attempt reuses it, so nothing happens twice. */
export const newKey = () => crypto.randomUUID();

export const procedures = () => call('GET', '/procedures');
export const offices = (procedure, near) => call('GET', '/offices', { query: { procedure, near } });
export const earliest = (procedure, near, radiusKm, limit = 8) =>
  call('GET', '/availability/earliest', { query: { procedure, near, radiusKm, limit } });
export const availability = (officeId, procedure, from, to) =>
  call('GET', `/offices/${encodeURIComponent(officeId)}/availability`, { query: { procedure, from, to } });
export const book = (request, key, admissionToken) =>
  call('POST', '/appointments', { body: request, headers: { 'Idempotency-Key': key, ...(admissionToken ? { 'Admission-Token': admissionToken } : {}) } });
const owner = (documentNumber) => ({ 'X-Document-Number': documentNumber });
export const appointment = (code, documentNumber) => call('GET', `/appointments/${encodeURIComponent(code)}`, { headers: owner(documentNumber) });
export const reschedule = (code, documentNumber, body, admissionToken) =>
  call('POST', `/appointments/${encodeURIComponent(code)}/reschedule`,
    { body, headers: { ...owner(documentNumber), ...(admissionToken ? { 'Admission-Token': admissionToken } : {}) } });
export const cancel = (code, documentNumber) => call('DELETE', `/appointments/${encodeURIComponent(code)}`, { headers: owner(documentNumber) });
export const recover = (request) => call('POST', '/appointments/recover', { body: request });
export const joinWaitlist = (request) => call('POST', '/waitlist', { body: request });
// Batch mode (allocation requests) and the waiting room.
export const fileRequest = (request, key, admissionToken) =>
  call('POST', '/requests', { body: request, headers: { 'Idempotency-Key': key, ...(admissionToken ? { 'Admission-Token': admissionToken } : {}) } });
export const request = (id, documentNumber) => call('GET', `/requests/${encodeURIComponent(id)}`, { headers: owner(documentNumber) });
export const withdrawRequest = (id, documentNumber) => call('DELETE', `/requests/${encodeURIComponent(id)}`, { headers: owner(documentNumber) });
export const joinRoom = (body) => call('POST', '/admission', { body });
export const ticket = (id) => call('GET', `/admission/${encodeURIComponent(id)}`);
export const waitlistEntry = (id, documentNumber) => call('GET', `/waitlist/${encodeURIComponent(id)}`, { headers: owner(documentNumber) });

// Operator routes (need useToken first).
export const utilization = (procedure, from, to) => call('GET', '/admin/utilization', { query: { procedure, from, to } });
export const closeDay = (officeId, body, key) =>
  call('POST', `/admin/offices/${encodeURIComponent(officeId)}/closures`, { body, headers: { 'Idempotency-Key': key } });
export const setCapacity = (officeId, body, key) =>
  call('PUT', `/admin/offices/${encodeURIComponent(officeId)}/capacity`, { body, headers: { 'Idempotency-Key': key } });
export const transfer = (body) => call('POST', '/admin/capacity/transfers', { body });
export const roster = (officeId, date) => call('GET', `/admin/offices/${encodeURIComponent(officeId)}/appointments`, { query: { date } });
export const audit = (from) => call('GET', '/admin/audit', { query: { from } });
export const allocation = (procedure) => call('GET', `/admin/procedures/${encodeURIComponent(procedure)}/allocation`);
export const setAllocation = (procedure, body, key) =>
  call('PUT', `/admin/procedures/${encodeURIComponent(procedure)}/allocation`, { body, headers: { 'Idempotency-Key': key } });
export const releaseBatch = (procedure) => call('POST', `/admin/procedures/${encodeURIComponent(procedure)}/batches`);
export const batches = (procedure, limit = 5) => call('GET', `/admin/procedures/${encodeURIComponent(procedure)}/batches`, { query: { limit } });
export const admission = (procedure) => call('GET', `/admin/procedures/${encodeURIComponent(procedure)}/admission`);
export const setAdmission = (procedure, body) => call('PUT', `/admin/procedures/${encodeURIComponent(procedure)}/admission`, { body });
