/**
 * PGN export (the "PGN Standard" 1994, export format), lichess-flavoured: the Seven Tag Roster in
 * its fixed order, then TimeControl, Termination, Elo and set-up tags; each move followed by its
 * clock as `{ [%clk h:mm:ss] }`; a black move after a comment repeats its number ("1..."); the ending's
 * sentence ("Black wins by checkmate.") closes the last move's comment.
 * Lines are at most 80 characters and never split a move, its number or a comment. The date is
 * passed in (epoch ms or "YYYY.MM.DD"): nothing here reads the time.
 */
import { DEFAULT_POSITION } from "chess.js";
import type { GameResult, Termination, ChessGame } from "./state.js";
import { pgnTimeControl, type TimeControl } from "./timeControl.js";

export interface PgnGame {
  event?: string; // default "Casual game"
  site?: string; // default "?"
  date?: number | string; // epoch ms (UTC date taken) or "YYYY.MM.DD"; default "????.??.??"
  round?: string; // default "-"
  white: string;
  black: string;
  result: GameResult; // "" exports as "*"
  termination?: Termination | "";
  timeControl?: Pick<TimeControl, "initialMs" | "incrementMs">;
  whiteElo?: number;
  blackElo?: number;
  startFen?: string; // adds SetUp/FEN tags and numbers moves from the FEN
  moves: readonly string[]; // SAN
  clocks?: readonly number[]; // mover's remaining ms after each ply
}

const MAX_LINE = 80;

/** PGN Termination tag values (PGN spec 9.8.1, as lichess writes them). */
export function pgnTermination(termination: Termination | "", result: GameResult): string {
  switch (termination) {
    case "timeout":
      return "Time forfeit";
    case "abandoned":
      return "Abandoned";
    case "aborted":
    case "":
      return result === "" ? "Unterminated" : "Normal";
    default:
      return "Normal";
  }
}

/** A sentence for the final comment, like lichess's "Black wins by checkmate." */
export function describeEnding(termination: Termination | "", result: GameResult): string {
  const winner = result === "1-0" ? "White" : result === "0-1" ? "Black" : null;
  const loser = result === "1-0" ? "Black" : "White";
  const reasons: Record<Termination, string> = {
    checkmate: `${winner} wins by checkmate.`,
    resignation: `${loser} resigns. ${winner} is victorious.`,
    timeout: winner ? `${loser} ran out of time. ${winner} is victorious.` : "Time forfeit against insufficient material. Draw.",
    abandoned: winner ? `${loser} left the game. ${winner} is victorious.` : "Game abandoned. Draw.",
    aborted: "Game aborted.",
    stalemate: "Stalemate. Draw.",
    threefold: "Threefold repetition claimed. Draw.",
    "fifty-move": "Fifty-move rule claimed. Draw.",
    fivefold: "Fivefold repetition. Draw.",
    "seventy-five-move": "Seventy-five-move rule. Draw.",
    "insufficient-material": "Insufficient material. Draw.",
    agreement: "Draw by agreement.",
  };
  return termination === "" ? "" : reasons[termination];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pgnDate(date: number | string | undefined): string {
  if (date === undefined) return "????.??.??";
  if (typeof date === "string") return date;
  const d = new Date(date); // a pure conversion of the given instant, not a clock read
  return `${d.getUTCFullYear()}.${pad2(d.getUTCMonth() + 1)}.${pad2(d.getUTCDate())}`;
}

/** `[%clk]` value: h:mm:ss, whole seconds rounded down (what the clock showed). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 3600)}:${pad2(Math.floor(total / 60) % 60)}:${pad2(total % 60)}`;
}

function tag(name: string, value: string): string {
  return `[${name} "${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"]`;
}

/** Join tokens with spaces into lines of at most MAX_LINE characters. */
function wrap(tokens: readonly string[]): string {
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    if (line === "") line = token;
    else if (line.length + 1 + token.length <= MAX_LINE) line += ` ${token}`;
    else {
      lines.push(line);
      line = token;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

export function toPgn(game: PgnGame): string {
  const result = game.result === "" ? "*" : game.result;
  const tags = [
    tag("Event", game.event ?? "Casual game"),
    tag("Site", game.site ?? "?"),
    tag("Date", pgnDate(game.date)),
    tag("Round", game.round ?? "-"),
    tag("White", game.white),
    tag("Black", game.black),
    tag("Result", result),
  ];
  if (game.whiteElo !== undefined) tags.push(tag("WhiteElo", String(Math.round(game.whiteElo))));
  if (game.blackElo !== undefined) tags.push(tag("BlackElo", String(Math.round(game.blackElo))));
  if (game.timeControl) tags.push(tag("TimeControl", pgnTimeControl(game.timeControl)));
  tags.push(tag("Termination", pgnTermination(game.termination ?? "", game.result)));
  const startFen = game.startFen ?? DEFAULT_POSITION;
  if (startFen !== DEFAULT_POSITION) tags.push(tag("SetUp", "1"), tag("FEN", startFen));

  const fields = startFen.split(/\s+/);
  let whiteToMove = fields[1] !== "b";
  let moveNumber = Number(fields[5]) || 1;
  let afterComment = true; // the first move always carries its number
  const tokens: string[] = [];
  game.moves.forEach((san, ply) => {
    const number = whiteToMove ? `${moveNumber}. ` : afterComment ? `${moveNumber}... ` : "";
    tokens.push(`${number}${san}`);
    afterComment = false;
    const clock = game.clocks?.[ply];
    if (clock !== undefined) {
      tokens.push(`{ [%clk ${formatClock(clock)}] }`);
      afterComment = true;
    }
    if (!whiteToMove) moveNumber++;
    whiteToMove = !whiteToMove;
  });
  // the ending's sentence goes into the last move's comment: two comments in a row are valid PGN,
  // but chess.js's own loadPgn (and other strict readers) refuse them before the result
  const ending = describeEnding(game.termination ?? "", game.result);
  const last = tokens[tokens.length - 1];
  if (ending !== "" && last?.startsWith("{ ")) tokens[tokens.length - 1] = `${last.slice(0, -1)}${ending} }`;
  else if (ending !== "") tokens.push(`{ ${ending} }`);
  tokens.push(result);
  return `${tags.join("\n")}\n\n${wrap(tokens)}\n`;
}

/** The PGN of a ChessGame; `meta` supplies what the rules do not know (names, date, ratings). */
export function gameToPgn(game: ChessGame, meta: Omit<PgnGame, "result" | "termination" | "moves" | "clocks" | "startFen" | "timeControl">): string {
  return toPgn({
    ...meta,
    result: game.result,
    termination: game.termination,
    timeControl: game.timeControl,
    startFen: game.startFen,
    moves: game.moves,
    clocks: game.moveClocks,
  });
}
