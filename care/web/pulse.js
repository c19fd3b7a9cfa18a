// Brand pulse: volume and sentiment over 24 h or 7 d with alert markers,
// drawn by uPlot (served from /vendor/uplot.js as the global `uPlot`).
import { api } from './api.js';
import { h, mount, toast } from './dom.js';

const SEV_COLOR = { info: '#6b7280', warning: '#d97706', critical: '#dc2626', crisis: '#7c3aed' };

export function renderPulse(root) {
  let brand = '';
  let range = '24h';
  let chart = null;
  const brandSelect = h('select', { name: 'brand', onchange: (e) => { brand = e.target.value; load(); } });
  const ranges = ['24h', '7d'].map((r) => h('button', { type: 'button', class: r === range ? 'seg active' : 'seg', dataset: { range: r }, text: r, onclick: () => {
    range = r;
    ranges.forEach((b) => b.classList.toggle('active', b.dataset.range === r));
    load();
  } }));
  const stats = h('div', { class: 'stats', id: 'pulse-stats' });
  const plot = h('div', { class: 'plot', id: 'pulse-chart' });
  const markers = h('ul', { class: 'markers', id: 'pulse-alerts' });

  mount(root,
    h('div', { class: 'toolbar' }, h('label', { class: 'filter' }, 'Brand', brandSelect), h('span', { class: 'segmented' }, ranges)),
    stats, plot, h('h2', { text: 'Alerts in this range' }), markers);

  function draw(data) {
    if (chart) chart.destroy();
    chart = null;
    const xs = data.series.map((p) => p.t);
    const alerts = data.alerts.map((a) => ({ ...a, t: Date.parse(a.at) / 1000 }));
    const markerPlugin = {
      hooks: {
        draw: (u) => {
          const ctx = u.ctx;
          ctx.save();
          for (const a of alerts) {
            const x = Math.round(u.valToPos(a.t, 'x', true));
            ctx.strokeStyle = SEV_COLOR[a.severity] || '#dc2626';
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      },
    };
    const width = Math.max(320, plot.clientWidth || root.clientWidth - 32);
    chart = new window.uPlot({
      width,
      height: 320,
      plugins: [markerPlugin],
      scales: { x: { time: true }, n: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] }, s: { range: [-1, 1] } },
      axes: [
        {},
        { scale: 'n', label: 'mentions' },
        { scale: 's', side: 1, label: 'sentiment', grid: { show: false } },
      ],
      series: [
        {},
        { label: 'mentions', scale: 'n', stroke: '#2563eb', fill: 'rgba(37,99,235,0.25)', paths: window.uPlot.paths.bars({ size: [0.85, 40] }) },
        { label: 'negative', scale: 'n', stroke: '#dc2626', fill: 'rgba(220,38,38,0.35)', paths: window.uPlot.paths.bars({ size: [0.5, 20] }) },
        { label: 'sentiment', scale: 's', stroke: '#059669', width: 2, spanGaps: true },
      ],
    }, [xs, data.series.map((p) => p.mentions), data.series.map((p) => p.negative), data.series.map((p) => p.sentiment)], plot);

    const total = data.series.reduce((s, p) => s + p.mentions, 0);
    const neg = data.series.reduce((s, p) => s + p.negative, 0);
    const weighted = data.series.reduce((s, p) => s + (p.sentiment ?? 0) * p.mentions, 0);
    mount(stats,
      h('div', { class: 'stat' }, h('b', { text: String(total) }), h('span', { text: `mentions (${range})` })),
      h('div', { class: 'stat' }, h('b', { text: total ? `${Math.round((neg / total) * 100)}%` : '–' }), h('span', { text: 'negative' })),
      h('div', { class: 'stat' }, h('b', { text: total ? (weighted / total).toFixed(2) : '–' }), h('span', { text: 'mean sentiment' })),
      h('div', { class: 'stat' }, h('b', { text: String(alerts.length) }), h('span', { text: 'alerts' })));
    mount(markers, alerts.length
      ? alerts.map((a) => h('li', {},
          h('span', { class: `badge severity ${a.severity}`, text: a.severity }),
          h('span', { text: ` ${new Date(a.at).toLocaleString()} · ` }),
          h('a', { class: 'internal', text: a.title || a.kind || a.alertId, onclick: () => { location.hash = '#alerts'; } })))
      : h('li', { class: 'muted', text: 'No alerts fired in this range.' }));
  }

  async function load() {
    if (!brand) return;
    try {
      draw(await api(`/api/brands/${encodeURIComponent(brand)}/overview?range=${range}`));
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  (async () => {
    try {
      const res = await api('/api/brands');
      mount(brandSelect, res.items.map((b) => h('option', { value: b.name, text: `${b.name} (${b.mentions24h} / 24 h)` })));
      brand = res.items[0] ? res.items[0].name : '';
      if (!brand) mount(plot, h('p', { class: 'empty', text: 'No brands configured.' }));
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  })();
  const refresh = setInterval(load, 60_000);
  return () => {
    clearInterval(refresh);
    if (chart) chart.destroy();
  };
}
