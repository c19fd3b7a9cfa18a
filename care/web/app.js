// The earshot web page: log in with a token, then three views (queue, alerts,
// brand pulse) chosen by the URL hash.
import { api, session } from './api.js';
import { h, mount, toast } from './dom.js';
import { renderQueue } from './queue.js';
import { renderAlerts } from './alerts.js';
import { renderPulse } from './pulse.js';

const VIEWS = { queue: renderQueue, alerts: renderAlerts, pulse: renderPulse };
const $ = (id) => document.getElementById(id);
let me = null;
let stopView = null;

function showLogin(message = '') {
  me = null;
  if (stopView) stopView();
  stopView = null;
  for (const v of Object.keys(VIEWS)) $(`view-${v}`).hidden = true;
  $('nav').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('token').focus();
}

async function login(token) {
  session.set(token);
  try {
    me = await api('/api/me');
  } catch (err) {
    session.clear();
    showLogin(err.status === 401 ? 'That token is unknown or revoked.' : `Cannot log in: ${err.message}`);
    return;
  }
  $('login').hidden = true;
  $('nav').hidden = false;
  $('logout').hidden = false;
  mount($('who'), h('span', { class: 'name', text: me.name }), ' ', h('span', { class: 'role', text: me.role }));
  route();
}

function route() {
  if (!me) return;
  const name = (location.hash || '#queue').slice(1);
  const view = VIEWS[name] ? name : 'queue';
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === view);
  for (const v of Object.keys(VIEWS)) $(`view-${v}`).hidden = v !== view;
  if (stopView) stopView();
  stopView = VIEWS[view]($(`view-${view}`), me) || null;
}

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = $('token').value.trim();
  $('token').value = '';
  if (token) login(token);
});
$('logout').addEventListener('click', () => {
  session.clear();
  showLogin();
});
window.addEventListener('hashchange', route);
window.addEventListener('earshot:unauthorized', () => {
  session.clear();
  showLogin('Your session ended; log in again.');
});
window.addEventListener('unhandledrejection', (e) => toast(String(e.reason && e.reason.message ? e.reason.message : e.reason), 'error'));

if (session.token) login(session.token);
else showLogin();
