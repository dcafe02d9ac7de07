/**
 * Numbers from the environment for the room kinds' settings (read when a room is created): unset
 * or empty → the default; anything else must be a number in range, or the room refuses to start
 * with a message naming the variable (a typo in a deployment should not become a silent default).
 */
export function numberFromEnv(name: string, fallback: number, range: { min: number; max?: number; integer?: boolean }): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  const { min, max = Infinity, integer = false } = range;
  const ok = (integer ? Number.isSafeInteger(n) : Number.isFinite(n)) && n >= min && n <= max;
  if (!ok) {
    const what = integer ? "an integer" : "a number";
    throw new Error(`${name} must be ${what} ${max === Infinity ? `≥ ${min}` : `in ${min}..${max}`} (got ${JSON.stringify(raw)})`);
  }
  return n;
}
