/** Minimal option parsing for `npm run bench -- <name> [--flag] [--key value | --key=value]`. */

export type BenchArgs = Map<string, string | true>;

export function parseArgs(argv: readonly string[]): { positional: string[]; options: BenchArgs } {
  const positional: string[] = [];
  const options: BenchArgs = new Map();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    if (eq > 0) {
      options.set(a.slice(2, eq), a.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      options.set(a.slice(2), next);
      i++;
    } else {
      options.set(a.slice(2), true);
    }
  }
  return { positional, options };
}

/** A positive number option, or `fallback`; throws a clear error on garbage. */
export function numberOption(options: BenchArgs, name: string, fallback: number, { min = 0, integer = false } = {}): number {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} expects ${integer ? "an integer" : "a number"} ≥ ${min} (got ${JSON.stringify(raw)})`);
  }
  return n;
}

export function stringOption(options: BenchArgs, name: string): string | undefined {
  const raw = options.get(name);
  if (raw === true) throw new UsageError(`--${name} expects a value`);
  return raw;
}

/** Refuses options the benchmark does not know (a typo must not silently run the default). */
export function checkKnown(options: BenchArgs, known: readonly string[]): void {
  const unknown = [...options.keys()].filter((k) => !known.includes(k));
  if (unknown.length) throw new UsageError(`unknown option${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `--${u}`).join(", ")}; known: ${known.map((k) => `--${k}`).join(" ")}`);
}

export class UsageError extends Error {}
