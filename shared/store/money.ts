/**
 * Money is an integer number of cents (DESIGN.md: no floating point in the ledger). Formatting is
 * for display only and never parsed back.
 */

/** The one currency of the store (ISO 4217). */
export const CURRENCY = "EUR";

/** Largest price or total we accept: far below 2^53, so sums of cents stay exact. */
export const MAX_CENTS = 100_000_000_00;

/** 1234 → "12.34 €" (display only). */
export function formatCents(cents: number, currency: string = CURRENCY): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = String(abs % 100).padStart(2, "0");
  const symbol = currency === "EUR" ? " €" : ` ${currency}`;
  return `${sign}${whole}.${frac}${symbol}`;
}
