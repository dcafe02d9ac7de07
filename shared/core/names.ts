/**
 * Display names. Checked on the server (guest sign-in) and in the client (instant feedback):
 * 1–24 characters (code points, after NFC normalization and trimming); letters and digits of any
 * script, each followed by at most 3 combining marks (the vowel signs and viramas of Devanagari, Thai,
 * …; no leading marks, no "Zalgo" stacks), space, "_", "-", "."; inner runs of whitespace collapse
 * to one space.
 */
import { ok, reject, type Result } from "./errors.js";

export const NAME_MIN = 1;
export const NAME_MAX = 24;
const ALLOWED = /^(?:[\p{L}\p{N}]\p{M}{0,3}|[ _.\-])+$/u;

export function normalizeName(input: unknown): Result<string> {
  if (typeof input !== "string") return reject("INVALID_NAME", "name must be a string");
  const name = input.normalize("NFC").trim().replace(/\s+/g, " ");
  const length = [...name].length;
  if (length < NAME_MIN) return reject("INVALID_NAME", "name must not be empty");
  if (length > NAME_MAX) return reject("INVALID_NAME", `name must be at most ${NAME_MAX} characters (got ${length})`);
  if (!ALLOWED.test(name))
    return reject("INVALID_NAME", "name may contain only letters, digits, spaces, '_', '-' and '.'");
  return ok(name);
}
