/** zod issues → `[{path, message}]`, the `details` of a VALIDATION_FAILED / 400 reply. */
import { z, type ZodError } from "zod";

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * One `{path, message}` per problem, naming the field wherever zod knows it: an unknown field is
 * reported under its own name (zod reports it on the enclosing object), and a payload that fits
 * no alternative of a union (chess `move`: `{san}` or `{from, to}`) is explained by the alternative
 * it came closest to (fewest issues) instead of zod's bare "Invalid input".
 */
export function describeIssues(error: ZodError): FieldIssue[] {
  const all = tightest(flatten(error.issues as RawIssue[], []));
  if (all.length <= MAX_ISSUES) return all;
  // a payload with a thousand unknown fields must not get a reply many times its own size
  return [...all.slice(0, MAX_ISSUES), { path: "", message: `and ${all.length - MAX_ISSUES} more problems` }];
}

/** At most this many `{path, message}` entries are listed (then one more: how many were left out). */
export const MAX_ISSUES = 20;

/**
 * One bound per field: an integer schema with a maximum reports both the safe-integer bound and
 * its own for 1e308 ("≤ 9007199254740991" and "≤ 10000"); only the tighter one helps the client.
 */
function tightest(issues: FieldIssue[]): FieldIssue[] {
  const best = new Map<string, { at: number; bound: number }>();
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const b = boundOf(issue);
    const key = b ? `${issue.path}\u0000${b.side}` : undefined;
    const seen = key !== undefined ? best.get(key) : undefined;
    if (b && seen) {
      if (b.side === "max" ? b.bound < seen.bound : b.bound > seen.bound) {
        out[seen.at] = issue;
        seen.bound = b.bound;
      }
      continue;
    }
    if (b && key !== undefined) best.set(key, { at: out.length, bound: b.bound });
    out.push(issue);
  }
  return out;
}

/** "Too big: expected int to be <=10000" → {side: "max", bound: 10000} (zod's wording for a number bound). */
function boundOf(issue: FieldIssue): { side: "max" | "min"; bound: number } | undefined {
  const m = /expected \w+ to be (<=|<|>=|>)(-?[\d.e+]+)/.exec(issue.message);
  if (!m) return undefined;
  const bound = Number(m[2]);
  return Number.isFinite(bound) ? { side: m[1]!.startsWith("<") ? "max" : "min", bound } : undefined;
}

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: RawIssue[][];
}

function flatten(issues: RawIssue[], prefix: PropertyKey[]): FieldIssue[] {
  return issues.flatMap((i): FieldIssue[] => {
    const at = [...prefix, ...i.path];
    if (i.code === "unrecognized_keys" && i.keys?.length) {
      return i.keys.map((k) => ({ path: [...at, k].map(String).join("."), message: "unknown field" }));
    }
    if (i.code === "invalid_union" && i.errors?.length) {
      const closest = i.errors.reduce((best, e) => (e.length < best.length ? e : best));
      if (closest.length > 0) return flatten(closest, at);
    }
    return [{ path: at.map(String).join("."), message: i.message }];
  });
}

export function summarizeIssues(issues: FieldIssue[]): string {
  // a problem with the value as a whole (path "") needs no label: the caller names the value
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
}

export { queryInt } from "../../shared/core/query.js";
