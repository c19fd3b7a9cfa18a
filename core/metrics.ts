import client from 'prom-client';

/**
 * Every component reports the same telemetry, Vector-style: received, sent,
 * dropped{reason}, errors{stage,code}. Metrics live in a registry per process
 * (or per test), exposed as Prometheus text at `/metrics`.
 */
export class Metrics {
  readonly registry: client.Registry;
  private readonly counters = new Map<string, client.Counter<string>>();
  private readonly gauges = new Map<string, client.Gauge<string>>();
  private readonly histograms = new Map<string, client.Histogram<string>>();

  constructor(registry = new client.Registry()) {
    this.registry = registry;
  }

  counter(name: string, help: string, labelNames: string[] = []): client.Counter<string> {
    let c = this.counters.get(name);
    if (!c) {
      c = new client.Counter({ name, help, labelNames, registers: [this.registry] });
      this.counters.set(name, c);
    }
    return c;
  }

  gauge(name: string, help: string, labelNames: string[] = []): client.Gauge<string> {
    let g = this.gauges.get(name);
    if (!g) {
      g = new client.Gauge({ name, help, labelNames, registers: [this.registry] });
      this.gauges.set(name, g);
    }
    return g;
  }

  histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): client.Histogram<string> {
    let h = this.histograms.get(name);
    if (!h) {
      h = new client.Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) });
      this.histograms.set(name, h);
    }
    return h;
  }

  /** Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
