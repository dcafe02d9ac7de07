/**
 * The moves of every chess game in this process go to the database through one group commit (see
 * platform/db/groupCommit.ts): a room awaits `append` before it broadcasts the move, as before, but
 * the moves that arrive in the same event-loop turn are one insert. One journal per database.
 */
import type { Kysely } from "kysely";
import { GroupCommit } from "../../platform/db/groupCommit.js";
import { GameRepository, type MoveRow } from "./gameRepository.js";

const journals = new WeakMap<Kysely<any>, GroupCommit<MoveRow>>();

/** 7 columns × 500 rows = 3,500 parameters: under SQLite's and PostgreSQL's limits. */
const MAX_MOVES_PER_INSERT = 500;

export function moveJournal(db: Kysely<any>): GroupCommit<MoveRow> {
  let journal = journals.get(db);
  if (!journal) {
    const repo = new GameRepository(db);
    journal = new GroupCommit<MoveRow>((rows) => repo.appendMoves(rows), MAX_MOVES_PER_INSERT);
    journals.set(db, journal);
  }
  return journal;
}
