// The API client: the token lives in sessionStorage (this tab only) and goes
// out as a Bearer header; a 401 sends the user back to the login form.
const KEY = 'earshot.token';

export const session = {
  get token() {
    return sessionStorage.getItem(KEY);
  },
  set(token) {
    sessionStorage.setItem(KEY, token);
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};

export class ApiError extends Error {
  constructor(status, body) {
    const fields = body && body.fields ? ' (' + Object.entries(body.fields).map(([k, v]) => `${k}: ${v}`).join('; ') + ')' : '';
    super(((body && body.message) || `HTTP ${status}`) + fields);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { authorization: `Bearer ${session.token ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (res.status === 401) window.dispatchEvent(new CustomEvent('earshot:unauthorized'));
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
