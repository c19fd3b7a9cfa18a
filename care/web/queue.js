// The care queue: filters, claim / respond / resolve / dismiss / snooze, and a
// live SLA countdown. Mention text is rendered as text only (see dom.js).
import { api } from './api.js';
import { ago, countdown, h, mount, toast } from './dom.js';

const INTENTS = ['', 'complaint', 'question', 'lead', 'crisis_risk', 'praise'];
const DONE = { claim: 'Claimed', respond: 'Marked as responded', resolve: 'Resolved', dismiss: 'Dismissed', snooze: 'Snoozed for 30 min' };
const STATES = [['new,claimed', 'Open'], ['new', 'New'], ['claimed', 'Claimed'], ['responded', 'Responded'], ['resolved,dismissed', 'Closed']];

export function renderQueue(root, me) {
  const canWork = me.permissions.includes('care:work');
  const filters = { state: 'new,claimed', intent: '', brand: '', source: '', language: '', mine: false };
  let skew = 0; // server time − browser time, so countdowns follow the server's clock
  let timers = [];

  const list = h('div', { class: 'cards', id: 'queue-list' });
  const summary = h('p', { class: 'muted', id: 'queue-summary' });
  const field = (label, el) => h('label', { class: 'filter' }, label, el);
  const select = (key, options) =>
    h('select', { name: key, onchange: (e) => { filters[key] = e.target.value; load(); } },
      options.map(([v, l]) => h('option', { value: v, text: l, selected: filters[key] === v })));
  const input = (key, placeholder) =>
    h('input', { name: key, placeholder, size: 10, onchange: (e) => { filters[key] = e.target.value.trim(); load(); } });

  mount(root,
    h('div', { class: 'toolbar' },
      field('State', select('state', STATES)),
      field('Intent', select('intent', INTENTS.map((i) => [i, i || 'any']))),
      field('Brand', input('brand', 'any')),
      field('Source', input('source', 'any')),
      field('Language', input('language', 'any')),
      h('label', { class: 'filter check' }, h('input', { type: 'checkbox', name: 'mine', onchange: (e) => { filters.mine = e.target.checked; load(); } }), 'Mine'),
      h('button', { type: 'button', class: 'ghost', onclick: () => load(), text: 'Refresh' })),
    summary, list);

  async function act(item, action, body) {
    try {
      await api(`/api/care/items/${encodeURIComponent(item.id)}/${action}`, { method: 'POST', body: body ?? {} });
      toast(DONE[action], 'ok');
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  function card(item) {
    const slaText = h('span', { class: 'sla', dataset: { due: String(item.dueAt) } });
    const tickSla = () => {
      const left = item.respondedAt ? null : item.dueAt - (Date.now() + skew);
      slaText.textContent = left === null ? 'answered' : countdown(left);
      slaText.classList.toggle('late', left !== null && left < 0);
      slaText.classList.toggle('soon', left !== null && left >= 0 && left < item.slaMs * 0.25);
    };
    tickSla();
    timers.push(tickSla);

    const mine = item.claimedBy === me.name;
    const reason = h('input', { class: 'reason', placeholder: 'Why dismiss?', maxlength: 500 });
    const dismissBox = h('span', { class: 'dismiss-box', hidden: true }, reason,
      h('button', { type: 'button', class: 'danger', text: 'Dismiss', onclick: () => act(item, 'dismiss', { reason: reason.value }) }));
    const buttons = [];
    if (canWork && item.state === 'new') buttons.push(h('button', { type: 'button', class: 'primary', text: 'Claim', onclick: () => act(item, 'claim') }));
    if (canWork && item.state === 'claimed' && mine) buttons.push(h('button', { type: 'button', text: 'Responded', onclick: () => act(item, 'respond') }));
    if (canWork && ['new', 'claimed', 'responded'].includes(item.state) && (mine || item.state === 'new' || me.permissions.includes('care:supervise') || item.state === 'responded')) {
      buttons.push(h('button', { type: 'button', text: 'Resolve', onclick: () => act(item, 'resolve') }));
    }
    if (canWork && ['new', 'claimed'].includes(item.state)) {
      buttons.push(h('button', { type: 'button', class: 'ghost', text: 'Snooze 30m', onclick: () => act(item, 'snooze', { for: '30m' }) }));
      buttons.push(h('button', { type: 'button', class: 'ghost', text: 'Dismiss…', onclick: () => { dismissBox.hidden = false; reason.focus(); } }));
    }

    return h('article', { class: `card sev${item.severity} ${item.breached ? 'breached' : ''}`, dataset: { id: item.id, state: item.state } },
      h('div', { class: 'card-head' },
        h('span', { class: `badge intent-${item.intent}`, text: item.intent.replace('_', ' ') }),
        h('span', { class: 'badge state', text: item.state }),
        h('span', { class: 'brand', text: item.brand }),
        h('span', { class: 'muted', text: `${item.source} · ${item.language} · reach ${Math.round(item.reach)}` }),
        h('span', { class: 'spacer' }),
        h('span', { class: 'prio', title: 'priority', text: `P ${item.priority}` }),
        slaText),
      h('div', { class: 'author' },
        item.authorUrl ? h('a', { href: item.authorUrl, text: item.authorName || 'author' }) : h('span', { text: item.authorName || 'unknown author' }),
        item.claimedBy ? h('span', { class: 'muted', text: ` · claimed by ${item.claimedBy}` }) : item.assignee ? h('span', { class: 'muted', text: ` · suggested: ${item.assignee}` }) : null,
        item.dismissReason ? h('span', { class: 'muted', text: ` · dismissed: ${item.dismissReason}` }) : null),
      item.mentions.map((m) =>
        h('blockquote', { class: 'mention' },
          m.title ? h('strong', { text: m.title }) : null,
          h('p', { class: 'text', text: m.text }),
          h('footer', {}, h('span', { class: 'muted', text: ago(new Date(m.publishedAt).toISOString()) + ' · ' }), m.url ? h('a', { href: m.url, text: 'open post' }) : null))),
      buttons.length ? h('div', { class: 'actions' }, buttons, dismissBox) : null);
  }

  async function load() {
    const q = new URLSearchParams({ state: filters.state, limit: '100' });
    if (filters.intent) q.set('intent', filters.intent);
    if (filters.brand) q.set('brand', filters.brand);
    if (filters.source) q.set('source', filters.source);
    if (filters.language) q.set('language', filters.language);
    if (filters.mine) q.set('claimedBy', me.name);
    try {
      const res = await api(`/api/care/items?${q}`);
      skew = res.now - Date.now();
      timers = [];
      summary.textContent = `${res.total} item${res.total === 1 ? '' : 's'}, most urgent first`;
      mount(list, res.items.length ? res.items.map(card) : h('p', { class: 'empty', text: 'Nothing waiting. Nice.' }));
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  load();
  const every = setInterval(() => timers.forEach((t) => t()), 1000);
  const refresh = setInterval(load, 30_000);
  return () => {
    clearInterval(every);
    clearInterval(refresh);
  };
}
