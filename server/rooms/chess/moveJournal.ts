/**
 * The moves of every chess game in this process go to the database through one group commit (see
 * platform/db/groupCommit.ts): a room awaits `append` before it broadcasts the move, as before, but
 * the moves that arrive in the same event-loop turn are one commit. One journal per database.
 *
 * On SQLite a batch is one transaction running a single-row insert prepared once (better-sqlite3 is
 * synchronous: building Kysely's multi-row insert for every batch cost more than SQLite's own work);
 * on PostgreSQL it is one multi-row insert through Kysely. Either way a batch is all stored or none.
 */
import type { Database } from "../../platform/db/database.js";
import { GroupCommit } from "../../platform/db/groupCommit.js";
import { GameRepository, type MoveRow } from "./gameRepository.js";

const journals = new WeakMap<Database, GroupCommit<MoveRow>>();

/** 7 columns × 500 rows = 3,500 parameters: under SQLite's and PostgreSQL's limits. */
const MAX_MOVES_PER_INSERT = 500;

const INSERT_MOVE =
  "insert into chess_moves (game_id, ply, san, uci, played_at, white_ms, black_ms) values (@game_id, @ply, @san, @uci, @played_at, @white_ms, @black_ms)";

export function moveJournal(db: Database): GroupCommit<MoveRow> {
  let journal = journals.get(db);
  if (!journal) {
    journal = new GroupCommit<MoveRow>(writer(db), MAX_MOVES_PER_INSERT);
    journals.set(db, journal);
  }
  return journal;
}

function writer(db: Database): (rows: MoveRow[]) => Promise<void> {
  const handle = db.sqlite;
  if (handle === undefined) {
    const repo = new GameRepository(db.kysely);
    return (rows) => repo.appendMoves(rows);
  }
  let insertAll: ((rows: MoveRow[]) => void) | undefined; // prepared on first use: after the migrations
  return async (rows) => {
    if (insertAll === undefined) {
      const insert = handle.prepare<MoveRow>(INSERT_MOVE);
      insertAll = handle.transaction((batch: MoveRow[]) => {
        for (const row of batch) insert.run(row);
      });
    }
    insertAll(rows);
  };
}
