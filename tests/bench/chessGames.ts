/**
 * The games the chess benchmark plays: a pool of long, legal, seeded move sequences (SAN), made
 * before any timing with chess.js. Bots replay them move by move through the room; the chess.js
 * baseline replays the very same sequences with `new Chess()` + `chess.move(san)`.
 *
 * How a sequence is made: from the start position, a seeded random legal move, preferring quiet
 * moves (captures only 1 time in 8, never a move that mates or stalemates), so games stay long
 * and varied. It stops before anything the server would end by itself: checkmate, stalemate,
 * insufficient material, the seventy-five-move rule (stops at 140 plies without capture or pawn
 * move) and fivefold repetition (stops when a position has been seen 3 times). Each sequence is
 * replayed through the server's own rules (shared/chess replay) to prove the game is still going
 * at its last ply.
 *
 * What a game plays: `sequenceFor(game, round)` — a pool sequence cut to a seeded length between
 * 60 % and 100 % of it, so that games which started together do not all end together. When it is
 * used up the side to move resigns and the bots start a rematch (the next round). The chess.js
 * baseline replays the same function's output, so both sides play the same distribution of games.
 */
import { Chess } from "chess.js";
import { createRng } from "../../shared/core/rng.js";
import { replay } from "../../shared/chess/game.js";
import { parseTimeControl } from "../../shared/chess/timeControl.js";

export interface GamePool {
  sequences: string[][];
  plies: number; // total plies over the pool
}

export function makeGamePool(count: number, seed: number, maxPlies = 200): GamePool {
  const rng = createRng(seed);
  const sequences: string[][] = [];
  for (let g = 0; g < count; g++) {
    const chess = new Chess();
    const seen = new Map<string, number>();
    const key = () => chess.fen().split(" ").slice(0, 4).join(" ");
    seen.set(key(), 1);
    const sans: string[] = [];
    let quietRun = 0;
    let legal = chess.moves(); // SAN strings: verbose moves cost ~20x more in chess.js 1.x
    while (sans.length < maxPlies) {
      const safe = legal.filter((san) => !san.endsWith("#"));
      const quiet = safe.filter((san) => !san.includes("x") && !san.includes("="));
      const pool = quiet.length > 0 && (rng.next() >= 0.125 || quiet.length === safe.length) ? quiet : safe;
      if (pool.length === 0) break;
      const san = pool[rng.int(0, pool.length - 1)]!;
      chess.move(san);
      legal = chess.moves();
      // no legal reply (we never mate, so: stalemate) or a bare-kings-like ending: stop before it
      if (legal.length === 0 || (san.includes("x") && chess.isInsufficientMaterial())) break;
      sans.push(san);
      quietRun = san.includes("x") || /^[a-h]/.test(san) ? 0 : quietRun + 1;
      const k = key();
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      if (quietRun >= 140 || n >= 3) break;
    }
    sequences.push(sans);
  }
  verify(sequences);
  return { sequences, plies: sequences.reduce((s, q) => s + q.length, 0) };
}

/** Every sequence replays through the server's rules and leaves the game playing. */
function verify(sequences: string[][]): void {
  const tc = parseTimeControl("15+10");
  if (!tc.ok) throw new Error(tc.error.message);
  sequences.forEach((seq, i) => {
    const r = replay(seq, { timeControl: tc.value, white: "w", black: "b" });
    if (!r.ok) throw new Error(`bench game ${i} does not replay: ${r.error.message}`);
    if (r.value.status !== "playing") throw new Error(`bench game ${i} ends (${r.value.termination}) before its last ply`);
  });
}

/** The moves of game `game`'s `round`-th game (0 = the first, 1 = its first rematch, …). */
export function sequenceFor(pool: GamePool, game: number, round: number): string[] {
  const h = hashInts(game, round);
  const seq = pool.sequences[h % pool.sequences.length]!;
  const min = Math.ceil(seq.length * 0.6);
  return seq.slice(0, min + ((h >>> 8) % (seq.length - min + 1)));
}

function hashInts(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The bare chess.js peer: for about `ms`, replays games as the bots play them (`sequenceFor` over
 * games 0…999 and their rounds), each with `new Chess()` + `chess.move(san)`.
 */
export function chessJsReplay(pool: GamePool, ms: number): { moves: number; games: number; seconds: number; cpuSeconds: number } {
  let moves = 0;
  let games = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + ms;
  let i = 0;
  while (performance.now() < until) {
    const seq = sequenceFor(pool, i % 1000, Math.floor(i / 1000));
    i++;
    const chess = new Chess();
    for (const san of seq) chess.move(san);
    moves += seq.length;
    games++;
  }
  const cpu = process.cpuUsage(cpu0);
  return { moves, games, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
