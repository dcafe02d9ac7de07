/**
 * Metrics in the Prometheus text format (GET /metrics). Counters and gauges with labels; gauges can
 * be computed at scrape time (rooms and clients per kind are read from the live rooms). No
 * dependency: the exposition format is small and stable.
 */
type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
}

interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge";
  series: Map<string, Series>;
  collect?: () => Array<{ labels: Labels; value: number }>;
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /**
   * One series resolved once: `inc` on it neither builds a label key nor allocates (for call
   * sites that count every message or request with a fixed label set).
   */
  series(labels: Labels): BoundCounter;
}

export interface BoundCounter {
  inc(by?: number): void;
}

export class Metrics {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    const family = this.family(name, help, "counter");
    const seriesOf = (labels: Labels): Series => {
      const key = labelKey(labels);
      let s = family.series.get(key);
      if (!s) family.series.set(key, (s = { labels, value: 0 }));
      return s;
    };
    return {
      inc: (labels = {}, by = 1) => {
        seriesOf(labels).value += by;
      },
      series: (labels) => {
        const s = seriesOf({ ...labels });
        return {
          inc: (by = 1) => {
            s.value += by;
          },
        };
      },
    };
  }

  /** A gauge whose series are computed at scrape time. */
  gauge(name: string, help: string, collect: () => Array<{ labels: Labels; value: number }>): void {
    this.family(name, help, "gauge").collect = collect;
  }

  /** Current value of a counter series (tests, benchmarks). */
  value(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.series.get(labelKey(labels))?.value ?? 0;
  }

  render(): string {
    const out: string[] = [];
    for (const f of this.families.values()) {
      out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`);
      out.push(`# TYPE ${f.name} ${f.type}`);
      const series = f.collect ? f.collect() : [...f.series.values()];
      for (const s of series) out.push(`${f.name}${renderLabels(s.labels)} ${formatValue(s.value)}`);
    }
    return out.join("\n") + "\n";
  }

  private family(name: string, help: string, type: Family["type"]): Family {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`bad metric name ${name}`);
    let f = this.families.get(name);
    if (!f) {
      f = { name, help, type, series: new Map() };
      this.families.set(name, f);
    } else if (f.type !== type) {
      throw new Error(`metric ${name} registered as ${f.type} and ${type}`);
    }
    return f;
  }
}

/**
 * The series key of a label set, independent of key order. Hot (every message, every request):
 * call sites pass their labels in one fixed order, usually sorted already, so the sorted case is a
 * single pass without allocating arrays; other orders take the general path.
 */
function labelKey(labels: Labels): string {
  let key = "";
  let previous = "";
  for (const k in labels) {
    if (k < previous) return sortedLabelKey(labels);
    key += key === "" ? `${k}=${labels[k]}` : `,${k}=${labels[k]}`;
    previous = k;
  }
  return key;
}

function sortedLabelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return "";
  const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `{${keys.map((k) => `${k}="${esc(labels[k]!)}"`).join(",")}}`;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

/** The platform's standard series; rooms and HTTP layers increment these. */
export class PlatformMetrics {
  readonly messages: Counter;
  readonly rejections: Counter;
  readonly bytesIn: Counter;
  readonly bytesOut: Counter;
  readonly joins: Counter;
  readonly http: Counter;

  constructor(readonly registry: Metrics) {
    this.messages = registry.counter("statecraft_messages_received_total", "Room messages received, by room kind and type");
    this.rejections = registry.counter("statecraft_commands_rejected_total", "Room commands rejected, by room kind and code");
    this.bytesIn = registry.counter("statecraft_bytes_received_total", "WebSocket bytes received from clients, by room kind");
    this.bytesOut = registry.counter("statecraft_bytes_sent_total", "WebSocket bytes sent to clients, by room kind");
    this.joins = registry.counter("statecraft_joins_total", "Clients that joined a room, by room kind");
    this.http = registry.counter("statecraft_http_requests_total", "HTTP requests, by route group and status class");
  }
}
