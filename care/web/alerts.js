// Alerts: acknowledge, resolve, silence, and the explanation with sample
// mentions. Alert titles and mention texts are rendered as text only.
import { api } from './api.js';
import { ago, h, mount, toast } from './dom.js';

const STATUSES = [['firing', 'Firing'], ['acknowledged', 'Acknowledged'], ['resolved', 'Resolved'], ['', 'All']];

export function renderAlerts(root, me) {
  const may = (p) => me.permissions.includes(p);
  let status = 'firing';
  const list = h('div', { class: 'cards', id: 'alert-list' });
  const silences = h('div', { class: 'silences', id: 'silence-list' });

  mount(root,
    h('div', { class: 'toolbar' },
      h('label', { class: 'filter' }, 'Status',
        h('select', { name: 'status', onchange: (e) => { status = e.target.value; load(); } },
          STATUSES.map(([v, l]) => h('option', { value: v, text: l, selected: v === status })))),
      h('button', { type: 'button', class: 'ghost', text: 'Refresh', onclick: () => load() })),
    list,
    h('h2', { text: 'Silences' }),
    silences);

  async function act(alert, action) {
    try {
      await api(`/api/alerts/${encodeURIComponent(alert.id)}/${action}`, { method: 'POST', body: {} });
      toast(action === 'ack' ? 'Acknowledged; escalation stopped' : 'Resolved', 'ok');
    } catch (err) {
      toast(err.message, 'error');
    }
    load();
  }

  function silenceForm(alert) {
    const duration = h('select', { name: 'duration' }, ['1h', '4h', '24h', '7d'].map((d) => h('option', { value: d, text: d })));
    const comment = h('input', { name: 'comment', placeholder: 'Why? (required)', maxlength: 500 });
    const form = h('form', { class: 'silence-form', hidden: true, onsubmit: async (e) => {
      e.preventDefault();
      const matchers = [{ name: 'brand', op: '=', value: alert.brand }, { name: 'kind', op: '=', value: alert.kind }];
      try {
        await api('/api/silences', { method: 'POST', body: { matchers, duration: duration.value, comment: comment.value } });
        toast(`Silenced ${alert.brand} / ${alert.kind} for ${duration.value}`, 'ok');
        form.hidden = true;
      } catch (err) {
        toast(err.message, 'error');
      }
      loadSilences();
    } },
    h('span', { class: 'muted', text: `Silence brand=${alert.brand}, kind=${alert.kind} for ` }), duration, comment,
    h('button', { type: 'submit', text: 'Silence' }));
    return form;
  }

  function explanation(alert) {
    const x = alert.explanation || {};
    const box = h('div', { class: 'explain' },
      x.summary ? h('p', { text: x.summary }) : null,
      h('dl', {},
        h('dt', { text: 'Observed' }), h('dd', { text: String(x.observed) }),
        h('dt', { text: 'Expected' }), h('dd', { text: `${x.expected} (band ${Array.isArray(x.band) ? x.band.join('–') : ''})` }),
        h('dt', { text: 'Unusual' }), h('dd', { text: `score ${typeof x.score === 'number' ? x.score.toFixed(2) : ''}` }),
        x.windowStart ? [h('dt', { text: 'Window' }), h('dd', { text: `${x.windowStart} → ${x.windowEnd}` })] : null,
        x.topTerms && x.topTerms.length ? [h('dt', { text: 'Top terms' }), h('dd', { text: x.topTerms.join(', ') })] : null,
        x.topAuthors && x.topAuthors.length ? [h('dt', { text: 'Top voices' }), h('dd', { text: x.topAuthors.map((a) => `${a.name} (${a.reach})`).join(', ') })] : null));
    const samples = h('div', { class: 'samples' });
    const more = h('button', { type: 'button', class: 'ghost', text: 'Show sample mentions', onclick: async () => {
      more.disabled = true;
      try {
        const full = await api(`/api/alerts/${encodeURIComponent(alert.id)}`);
        mount(samples, full.samples.length
          ? full.samples.map((m) => h('blockquote', { class: 'mention' },
              h('p', { class: 'text', text: m.text }),
              h('footer', {}, h('span', { class: 'muted', text: `${m.author} · ${m.source} · ` }), m.url ? h('a', { href: m.url, text: 'open post' }) : null)))
          : h('p', { class: 'muted', text: 'No sample mentions stored.' }));
        more.remove();
      } catch (err) {
        more.disabled = false;
        toast(err.message, 'error');
      }
    } });
    box.append(more, samples);
    return box;
  }

  function card(alert) {
    const form = may('alerts:silence') ? silenceForm(alert) : null;
    const open = alert.status !== 'resolved';
    return h('article', { class: `card alert sev-${alert.severity}`, dataset: { id: alert.id, status: alert.status } },
      h('div', { class: 'card-head' },
        h('span', { class: `badge severity ${alert.severity}`, text: alert.severity }),
        h('span', { class: 'badge state', text: alert.status }),
        h('span', { class: 'brand', text: alert.brand }),
        h('span', { class: 'muted', text: `${alert.kind} · fired ${ago(alert.firedAt)}` }),
        h('span', { class: 'spacer' }),
        alert.acknowledgedBy ? h('span', { class: 'muted', text: `ack: ${alert.acknowledgedBy}` }) : null),
      h('h3', { class: 'alert-title', text: alert.title }),
      explanation(alert),
      h('div', { class: 'actions' },
        open && alert.status === 'firing' && may('alerts:ack') ? h('button', { type: 'button', class: 'primary', text: 'Acknowledge', onclick: () => act(alert, 'ack') }) : null,
        open && may('alerts:resolve') ? h('button', { type: 'button', text: 'Resolve', onclick: () => act(alert, 'resolve') }) : null,
        may('alerts:silence') ? h('button', { type: 'button', class: 'ghost', text: 'Silence…', onclick: () => { form.hidden = !form.hidden; } }) : null,
        form));
  }

  async function loadSilences() {
    try {
      const res = await api('/api/silences');
      const now = Date.now();
      const active = res.items.filter((s) => Date.parse(s.endsAt) > now);
      mount(silences, active.length
        ? active.map((s) => h('div', { class: 'silence' },
            h('code', { text: s.matchers.map((m) => `${m.name}${m.op}"${m.value}"`).join(', ') }),
            h('span', { class: 'muted', text: ` until ${new Date(s.endsAt).toLocaleString()} · ${s.createdBy}: ${s.comment} ` }),
            may('alerts:silence') ? h('button', { type: 'button', class: 'ghost', text: 'Expire', onclick: async () => {
              try {
                await api(`/api/silences/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
              } catch (err) {
                toast(err.message, 'error');
              }
              loadSilences();
            } }) : null))
        : h('p', { class: 'muted', text: 'No active silences.' }));
    } catch (err) {
      mount(silences, h('p', { class: 'muted', text: err.message }));
    }
  }

  async function load() {
    try {
      const q = new URLSearchParams({ limit: '100' });
      if (status) q.set('status', status);
      const res = await api(`/api/alerts?${q}`);
      mount(list, res.items.length ? res.items.map(card) : h('p', { class: 'empty', text: 'No alerts here.' }));
    } catch (err) {
      mount(list, h('p', { class: 'empty', text: err.message }));
    }
    loadSilences();
  }

  load();
  const refresh = setInterval(load, 30_000);
  return () => clearInterval(refresh);
}
