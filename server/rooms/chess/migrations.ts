/** The chess room's tables: games, their moves (one row per ply), ratings, process heartbeats. */
import type { MigrationSet } from "../../platform/db/migrate.js";

export const chessMigrations: MigrationSet = {
  chess_0001_games: {
    async up(db) {
      await db.schema
        .createTable("chess_games")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("time_control", "text", (c) => c.notNull())
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("white_id", "text", (c) => c.notNull())
        .addColumn("black_id", "text", (c) => c.notNull())
        .addColumn("white_name", "text", (c) => c.notNull())
        .addColumn("black_name", "text", (c) => c.notNull())
        .addColumn("white_rating", "integer", (c) => c.notNull())
        .addColumn("black_rating", "integer", (c) => c.notNull())
        .addColumn("white_rating_diff", "integer")
        .addColumn("black_rating_diff", "integer")
        .addColumn("status", "text", (c) => c.notNull()) // playing | ended
        .addColumn("result", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("termination", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("start_fen", "text", (c) => c.notNull())
        .addColumn("private", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("host", "text", (c) => c.notNull()) // process that hosts the live game
        .addColumn("recovery_epoch", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("ended_at", "bigint")
        .addColumn("pgn", "text")
        .execute();
      await db.schema.createIndex("chess_games_status").on("chess_games").column("status").execute();
      await db.schema.createIndex("chess_games_white").on("chess_games").columns(["white_id", "created_at"]).execute();
      await db.schema.createIndex("chess_games_black").on("chess_games").columns(["black_id", "created_at"]).execute();
      await db.schema
        .createTable("chess_moves")
        .addColumn("game_id", "text", (c) => c.notNull().references("chess_games.id").onDelete("cascade"))
        .addColumn("ply", "integer", (c) => c.notNull())
        .addColumn("san", "text", (c) => c.notNull())
        .addColumn("uci", "text", (c) => c.notNull())
        .addColumn("played_at", "bigint", (c) => c.notNull())
        .addColumn("white_ms", "bigint", (c) => c.notNull())
        .addColumn("black_ms", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("chess_moves_pk", ["game_id", "ply"])
        .execute();
      await db.schema
        .createTable("chess_ratings")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("rating", "double precision", (c) => c.notNull())
        .addColumn("rd", "double precision", (c) => c.notNull())
        .addColumn("volatility", "double precision", (c) => c.notNull())
        .addColumn("games", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("wins", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("losses", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("draws", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("chess_ratings_pk", ["user_id", "category"])
        .execute();
      await db.schema.createIndex("chess_ratings_board").on("chess_ratings").columns(["category", "rating"]).execute();
      await db.schema
        .createTable("chess_heartbeats")
        .addColumn("host", "text", (c) => c.primaryKey())
        .addColumn("seen_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
};
