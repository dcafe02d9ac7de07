/**
 * Instrument definitions (assets/pit/instruments.json) and their validation. An instrument is
 * fixed for an engine's life: the band [refPrice − band, refPrice + band] sizes the book's ladders.
 */
import definitions from "../../assets/pit/instruments.json" with { type: "json" };
import { reject, ok, type Result } from "../core/errors.js";
import type { Instrument } from "./types.js";

export const DEFAULT_MAX_QTY = 1_000_000;
export const MAX_BAND = 1_000_000; // ticks: bounds the ladder (2 × band + 1 slots per side)
const MAX_NOTIONAL = 2 ** 43; // (refPrice + band) × maxQty: room for sums of many orders below 2^53

const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/** Checks one definition; the result carries it with defaults filled in. */
export function validateInstrument(def: unknown): Result<Required<Instrument>> {
  const d = def as Partial<Instrument> | null;
  if (typeof d !== "object" || d === null) return reject("INVALID_INSTRUMENT", "an instrument is an object");
  if (typeof d.symbol !== "string" || !/^[A-Z]{2,8}$/.test(d.symbol)) return reject("INVALID_INSTRUMENT", "symbol: 2–8 upper-case letters");
  const at = (field: string, rule: string) => reject<Required<Instrument>>("INVALID_INSTRUMENT", `${d.symbol}.${field}: ${rule}`);
  if (typeof d.name !== "string" || d.name.length === 0) return at("name", "a non-empty string");
  if (typeof d.tickSize !== "number" || !(d.tickSize > 0)) return at("tickSize", "a positive number (display only)");
  if (typeof d.lotSize !== "number" || !(d.lotSize > 0)) return at("lotSize", "a positive number (display only)");
  if (!isInt(d.refPrice, 2, 2 ** 31)) return at("refPrice", "an integer number of ticks ≥ 2");
  if (!isInt(d.band, 1, Math.min(MAX_BAND, d.refPrice - 1))) return at("band", `an integer number of ticks in [1, min(${MAX_BAND}, refPrice − 1)]`);
  const maxQty = d.maxQty ?? DEFAULT_MAX_QTY;
  if (!isInt(maxQty, 1, 2 ** 31)) return at("maxQty", "a positive integer number of lots");
  if ((d.refPrice + d.band) * maxQty > MAX_NOTIONAL) return at("maxQty", `(refPrice + band) × maxQty must be ≤ 2^43`);
  const makerFeeBps = d.makerFeeBps ?? 0;
  const takerFeeBps = d.takerFeeBps ?? 0;
  if (!isInt(makerFeeBps, 0, 1_000) || !isInt(takerFeeBps, 0, 1_000)) return at("fees", "integer basis points in [0, 1000]");
  return ok({ symbol: d.symbol, name: d.name, tickSize: d.tickSize, lotSize: d.lotSize, refPrice: d.refPrice, band: d.band, maxQty, makerFeeBps, takerFeeBps });
}

function load(): readonly Required<Instrument>[] {
  const out: Required<Instrument>[] = [];
  for (const def of definitions as unknown[]) {
    const r = validateInstrument(def);
    if (!r.ok) throw new Error(`assets/pit/instruments.json: ${r.error.message}`);
    if (out.some((i) => i.symbol === r.value.symbol)) throw new Error(`assets/pit/instruments.json: duplicate ${r.value.symbol}`);
    out.push(r.value);
  }
  return Object.freeze(out);
}

/** The instruments shipped in assets/pit/instruments.json, validated. */
export const INSTRUMENTS: readonly Required<Instrument>[] = load();

export function instrument(symbol: string): Required<Instrument> | undefined {
  return INSTRUMENTS.find((i) => i.symbol === symbol);
}
