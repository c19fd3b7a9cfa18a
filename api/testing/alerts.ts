import { EarshotError } from '../../core/errors.ts';
import type { AlertFilter, AlertService, AlertSummary, Silence } from '../../alerts/service.ts';

/**
 * A small AlertService for the API's own tests and the browser test: the API
 * is coded against the interface only, and this lets its routes be tested
 * without the alerter's engine. It honours the contract's error codes.
 */
export class TestAlerts implements AlertService {
  readonly alerts = new Map<string, AlertSummary>();
  readonly silences = new Map<string, Silence>();
  /** token → verified link */
  readonly links = new Map<string, { alertId: string; action: 'ack' | 'resolve'; actor: string }>();
  private seq = 0;
  constructor(private readonly now: () => number) {}

  add(a: Partial<AlertSummary> & { id: string }): AlertSummary {
    const full: AlertSummary = {
      brand: 'Acme', kind: 'volume_spike', severity: 'critical', status: 'firing', title: `Spike ${a.id}`, labels: { brand: a.brand ?? 'Acme' },
      firedAt: new Date(this.now()).toISOString(),
      explanation: { observed: 120, expected: 20, band: [5, 40], score: 0.97, windowStart: '', windowEnd: '', topTerms: ['outage'], sampleMentionIds: [] },
      ...a,
    };
    this.alerts.set(full.id, full);
    return full;
  }

  async list(f: AlertFilter) {
    const all = [...this.alerts.values()].filter((a) => (!f.status || a.status === f.status) && (!f.brand || a.brand === f.brand) && (!f.severity || a.severity === f.severity));
    return { items: all.slice(f.offset ?? 0, (f.offset ?? 0) + (f.limit ?? 50)), total: all.length };
  }
  async get(id: string) {
    return this.alerts.get(id) ?? null;
  }
  private must(id: string): AlertSummary {
    const a = this.alerts.get(id);
    if (!a) throw new EarshotError(`no alert ${id}`, { code: 'not_found' });
    if (a.status === 'resolved') throw new EarshotError(`alert ${id} is resolved`, { code: 'conflict' });
    return a;
  }
  async acknowledge(id: string, actor: string) {
    const a = this.must(id);
    Object.assign(a, { status: 'acknowledged', acknowledgedBy: actor, acknowledgedAt: new Date(this.now()).toISOString() });
    return a;
  }
  async resolve(id: string, actor: string) {
    const a = this.must(id);
    Object.assign(a, { status: 'resolved', resolvedBy: actor, resolvedAt: new Date(this.now()).toISOString() });
    return a;
  }
  async createSilence(s: Omit<Silence, 'id'>) {
    const silence = { ...s, id: `s${++this.seq}` };
    this.silences.set(silence.id, silence);
    return silence;
  }
  async listSilences() {
    return [...this.silences.values()];
  }
  async expireSilence(id: string, _actor: string) {
    const s = this.silences.get(id);
    if (!s) throw new EarshotError(`no silence ${id}`, { code: 'not_found' });
    s.endsAt = new Date(this.now()).toISOString();
  }
  verifyActionLink(token: string) {
    return this.links.get(token) ?? null;
  }
}
