/**
 * The chess room: one game between two seated players, watched by any number of spectators.
 *
 * Owns (room memory): the position, the clocks, draw and rematch offers, who is connected.
 * Survives a restart: everything that matters. Every accepted move is written to the database
 * before it is broadcast; at game end the record and both ratings are written in one transaction.
 * After a kill, a restarted server rebuilds each unfinished game from its moves (recovery.ts) in a
 * room whose id is the game id, so players rejoin with `joinById(gameId)`; the running clock is
 * charged only until the dead process's last heartbeat.
 *
 * The rules are shared/chess (pure). This adapter maps sessions to seats (by user id, so a player
 * who comes back on a new connection gets the same seat), runs commands one at a time (a command's
 * database write finishes before the next command starts, so the order of moves is the order of
 * writes), turns rule events into writes and state patches, and owns the timers: flag fall,
 * disconnect windows.
 */
import { randomInt } from "node:crypto";
import { matchMaker, ServerError, type Client } from "@colyseus/core";
import { createRng, type Rng } from "../../../shared/core/rng.js";
import { reject, SEAT_TAKEN_OVER, type Rejection, type Result } from "../../../shared/core/errors.js";
import { ChessJoinOptions, RECONNECT_SECONDS, type MoveMessage } from "../../../shared/chess/spec.js";
import { ChessState } from "../../../shared/chess/schema.js";
import {
  abort, acceptDraw, checkFlag, claimDraw, claimVictory, createGame, declineDraw, endGame, move, msUntilFlag, offerDraw,
  opposite, parseTimeControl, replay, resign, resume, seatPlayer, type ChessEvent, type ChessGame, type Color, type GameResult, type Outcome,
  type Termination,
} from "../../../shared/chess/index.js";
import { StatecraftRoom, type AuthData } from "../StatecraftRoom.js";
import { GameRepository, type GameRow, type MoveRow } from "./gameRepository.js";
import { moveJournal } from "./moveJournal.js";
import type { GroupCommit } from "../../platform/db/groupCommit.js";
import { finishedGameRecord, syncState, type Seat } from "./chessSync.js";
import { processHost } from "./recovery.js";

type ChessClient = Client<{ auth: AuthData<ChessJoinOptions>; userData: { role: "player" | "spectator"; userId: string } }>;

/** Internal creation options (never accepted from clients: the join schema is strict). */
export interface ChessInternalOptions {
  __recover?: string; // game id to rebuild
  __chargedUntil?: number | null; // when the game's dead host was last seen alive
  __rematch?: { white: string; black: string; timeControl: string; private?: boolean };
  __finished?: string; // game id of a finished game to open for watching (openFinishedGame)
}

export interface ChessMetadata {
  timeControl: string;
  rating: number; // the waiting player's rating (quick pairing prefers close ratings)
  waitingSince: number;
  host: string; // the waiting player's name
  challenge: boolean; // a private challenge (matchmaking filter: see index.ts)
}

export class ChessRoom extends StatecraftRoom<{ state: ChessState; metadata: ChessMetadata }> {
  /** Seconds a disconnected player has to return (tests shorten it). */
  static reconnectSeconds = RECONNECT_SECONDS;
  private game!: ChessGame;
  private repo!: GameRepository;
  private moves!: GroupCommit<MoveRow>; // shared by every game in the process: one insert per event-loop turn
  private rng: Rng = createRng(randomInt(2 ** 31));
  private readonly seats = new Map<string, Seat>(); // by user id
  private challenge = false; // a private challenge ({private: true}): its game is never listed as live
  private queue: Promise<unknown> = Promise.resolve();
  private flagTimer?: Timer;
  private flagAt = 0; // platform time the armed flag check fires at
  private readonly graceTimers = new Map<string, Timer>();
  private clockResync?: Timer;
  private stored = false; // the game row exists
  private rematchVotes = new Set<Color>();
  /** After a restart the running clock waits for its player to come back (epoch ms it was frozen at). */
  private frozenAt: number | null = null;
  /** A finished game opened to be watched (openFinished): spectators only. */
  private readOnly = false;
  private reservedFor?: { white: string; black: string }; // rematch: seats by user id

  override async onCreate(raw: Record<string, unknown> & ChessInternalOptions): Promise<void> {
    this.repo = new GameRepository(this.platform.db.kysely);
    this.moves = moveJournal(this.platform.db);
    this.setState(new ChessState());
    this.patchRate = 1000; // state changes only through sync(), which flushes at once (broadcastPatch)
    this.bindCommands({
      move: (c, m: MoveMessage) => this.command(c, (color, now) => move(this.game, color, toInput(m), now, m.ply)),
      resign: (c) => this.command(c, (color, now) => resign(this.game, color, now)),
      offerDraw: (c) => this.command(c, (color, now) => offerDraw(this.game, color, now)),
      acceptDraw: (c) => this.command(c, (color, now) => acceptDraw(this.game, color, now)),
      declineDraw: (c) => this.command(c, (color, now) => declineDraw(this.game, color, now)),
      claimDraw: (c) => this.command(c, (color, now) => (this.opponentGone(color, now) ? endGame(this.game, "1/2-1/2", "abandoned", now) : claimDraw(this.game, color, now))),
      claimVictory: (c) => this.command(c, (color, now) =>
        this.game.status !== "playing" || this.opponentGone(color, now)
          ? claimVictory(this.game, color, now) // refuses a game that is not playing (GAME_NOT_STARTED, GAME_OVER)
          : reject("OPPONENT_PRESENT", "you can claim victory only after your opponent has been gone for the whole reconnection window")),
      abort: (c) => this.command(c, (color, now) => abort(this.game, color, now)),
      rematch: (c) => this.rematch(c as ChessClient),
      declineRematch: (c) => this.declineRematch(c as ChessClient),
    });

    if (raw.__recover) return this.recover(raw.__recover, raw.__chargedUntil ?? undefined);
    if (raw.__finished) return this.openFinished(raw.__finished);
    const opts = ChessJoinOptions.parse(stripInternal(raw));
    const tc = parseTimeControl(raw.__rematch?.timeControl ?? opts.timeControl);
    if (!tc.ok) throw new ServerError(526, `INVALID_OPTIONS: ${tc.error.message}`);
    this.game = unwrap(createGame({ timeControl: tc.value }));
    this.state.gameId = this.roomId;
    this.state.timeControl = tc.value.label;
    if (raw.__rematch) {
      this.reservedFor = { white: raw.__rematch.white, black: raw.__rematch.black };
      this.challenge = raw.__rematch.private === true; // a rematch of a challenge stays unlisted
      await this.setPrivate(true);
    } else if (opts.private) {
      this.challenge = true;
      await this.setPrivate(true);
    }
    await this.setMetadata({ timeControl: tc.value.label, rating: 1500, waitingSince: this.platform.now(), host: "", challenge: this.challenge });
    this.sync();
  }

  /** Rebuilds an unfinished game from the database (server restart). */
  private async recover(gameId: string, chargedUntil: number | undefined): Promise<void> {
    this.roomId = gameId;
    const row = await this.repo.game(gameId);
    if (!row || row.status !== "playing") throw new Error(`game ${gameId} is not recoverable`);
    this.challenge = row.private === 1;
    const tc = unwrap(parseTimeControl(row.time_control));
    const moves = await this.repo.moves(gameId);
    this.game = unwrap(replay(moves.map((m) => ({ san: m.san, at: Number(m.played_at) })), {
      timeControl: tc, white: row.white_id, black: row.black_id, fen: row.start_fen,
    }));
    const now = this.platform.now();
    resume(this.game, now, chargedUntil);
    if (this.game.clock.running !== null) this.frozenAt = now; // thawed when the side to move is back
    this.stored = true;
    for (const [color, id, name, rating] of [["white", row.white_id, row.white_name, row.white_rating], ["black", row.black_id, row.black_name, row.black_rating]] as const) {
      const r = await this.repo.rating(id, tc.category);
      this.seats.set(id, { userId: id, name, color, sessionId: "", connected: false, reconnectDeadline: now + 2 * ChessRoom.reconnectSeconds * 1000, rating: { ...r, rating } });
      this.startGraceTimer(id, 2 * ChessRoom.reconnectSeconds);
    }
    this.state.gameId = gameId;
    this.state.timeControl = tc.label;
    this.autoDispose = false; // nobody is connected yet: wait for the players (or their windows to pass)
    await this.setPrivate(true);
    this.sync();
    this.scheduleFlag();
    this.log.info("game recovered", { gameId, plies: moves.length });
  }

  /**
   * A finished game, opened again from the database to be watched after its room closed (lichess
   * shows every past game): the final position, the moves to step through, the stored result and
   * ending, the clocks as they stood at the end. Read-only: everyone joins as a spectator, and the
   * room closes when the last one leaves. Opened by openFinishedGame (POST /api/chess/games/:id/watch).
   */
  private async openFinished(gameId: string): Promise<void> {
    this.roomId = gameId;
    const row = await this.repo.game(gameId);
    if (!row || row.status !== "ended") throw new Error(`game ${gameId} is not finished`);
    const tc = unwrap(parseTimeControl(row.time_control));
    const moves = await this.repo.moves(gameId);
    this.game = unwrap(replay(moves.map((m) => ({ san: m.san, at: Number(m.played_at) })), {
      timeControl: tc, white: row.white_id, black: row.black_id, fen: row.start_fen,
    }));
    // the moves alone end a mate or a stalemate; a resignation, a flag or an agreement is the stored record's
    const endedAt = Number(row.ended_at ?? row.created_at);
    if (this.game.status !== "ended") unwrap(endGame(this.game, row.result as GameResult, row.termination as Termination, endedAt));
    this.readOnly = true;
    for (const [color, id, name, rating, diff] of [
      ["white", row.white_id, row.white_name, row.white_rating, row.white_rating_diff],
      ["black", row.black_id, row.black_name, row.black_rating, row.black_rating_diff],
    ] as const) {
      const r = await this.repo.rating(id, tc.category);
      this.seats.set(id, { userId: id, name, color, sessionId: "", connected: false, reconnectDeadline: 0, rating: { ...r, rating }, ...(diff !== null ? { ratingDiff: diff } : {}) });
    }
    this.stored = true;
    this.state.gameId = gameId;
    this.state.timeControl = tc.label;
    await this.setPrivate(true); // never listed: not a game being played
    this.syncAt(endedAt);
  }

  override async onJoin(client: ChessClient): Promise<void> {
    const { id: userId, name, options: opts } = client.auth!; // set by onAuth before any join
    if (this.readOnly) {
      client.userData = { role: "spectator", userId };
      this.state.spectators++;
      this.broadcastPatch();
      return;
    }
    this.resyncClockSoon();
    const seat = this.seats.get(userId);
    const reserved = this.reservedFor && (this.reservedFor.white === userId || this.reservedFor.black === userId);
    if (opts.spectate || (!seat && !reserved && this.game.status !== "waiting")) {
      if (!opts.spectate && this.game.status === "ended") throw new ServerError(526, "GAME_OVER: this game is over; join with {spectate: true} to see it");
      if (!opts.spectate) throw new ServerError(526, "GAME_FULL: both seats are taken; join with {spectate: true} to watch");
      client.userData = { role: "spectator", userId };
      this.state.spectators++;
      this.broadcastPatch(); // the players see the count at once (the room patches only on changes)
      return;
    }
    client.userData = { role: "player", userId };
    if (seat) return this.reclaimSeat(client, seat);

    const rating = await this.repo.rating(userId, this.game.timeControl.category);
    let outcome: Result<Outcome>;
    if (this.reservedFor) {
      const color: Color = this.reservedFor.white === userId ? "white" : "black";
      this.game.players[color] = userId;
      const both = this.game.players.white !== null && this.game.players.black !== null;
      if (both) this.game.status = "playing";
      outcome = { ok: true, value: { events: both ? [{ type: "started", white: this.game.players.white!, black: this.game.players.black! }] : [], duplicate: false } };
    } else {
      outcome = seatPlayer(this.game, userId, this.rng);
    }
    if (!outcome.ok) throw new ServerError(526, `${outcome.error.code}: ${outcome.error.message}`);
    const color: Color = this.game.players.white === userId ? "white" : "black";
    this.seats.set(userId, { userId, name, color, sessionId: client.sessionId, connected: true, reconnectDeadline: 0, rating });
    if (outcome.value.events.some((e) => e.type === "started")) {
      try {
        await this.storeNewGame();
      } catch (e) {
        // nothing half-applied: the second seat is given back and the join fails
        this.seats.delete(userId);
        this.game.players[color] = null;
        this.game.status = "waiting";
        this.log.error("could not store the new game", { error: e });
        throw new ServerError(500, "INTERNAL: the game could not be stored; try again");
      }
      await this.setPrivate(true); // out of quick pairing and the open-rooms list
    } else {
      await this.setMetadata({ ...this.metadata, rating: Math.round(rating.rating), waitingSince: this.platform.now(), host: name });
    }
    this.sync();
  }

  private reclaimSeat(client: ChessClient, seat: Seat): void {
    const previous = seat.sessionId ? this.clients.getById(seat.sessionId) : undefined;
    seat.sessionId = client.sessionId;
    seat.connected = true;
    seat.reconnectDeadline = 0;
    this.graceTimers.get(seat.userId)?.clear();
    this.graceTimers.delete(seat.userId);
    if (previous && previous !== (client as unknown)) previous.leave(4000, SEAT_TAKEN_OVER);
    if (this.game.status === "playing") this.autoDispose = false;
    if (this.frozenAt !== null && this.game.clock.running === seat.color) {
      // the side to move is back after a restart: its clock runs again from now, not from the restart
      resume(this.game, this.platform.now(), this.frozenAt);
      this.frozenAt = null;
      this.scheduleFlag();
    }
    this.sync();
  }

  override async onDrop(client: ChessClient): Promise<void> {
    if (client.userData?.role !== "player") return; // spectators get no window: onLeave follows
    const seat = this.seats.get(client.userData.userId);
    if (!seat || seat.sessionId !== client.sessionId) return;
    this.markGone(seat);
    try {
      await this.allowReconnection(client, ChessRoom.reconnectSeconds);
    } catch {
      /* not back in time: the window's timer handles it; the player may still rejoin by game id */
    }
  }

  override onReconnect(client: ChessClient): void {
    if (client.userData?.role !== "player") return;
    const seat = this.seats.get(client.userData.userId);
    if (seat) this.reclaimSeat(client, seat);
    this.resyncClockSoon();
  }

  override onLeave(client: ChessClient): void {
    if (client.userData?.role !== "player") {
      if (client.userData?.role === "spectator") {
        this.state.spectators = Math.max(0, this.state.spectators - 1);
        this.broadcastPatch();
      }
      return;
    }
    const seat = this.seats.get(client.userData.userId);
    if (!seat || seat.sessionId !== client.sessionId) return; // replaced by a newer connection
    if (this.game.status === "waiting") {
      // the waiting player left: free the seat (nobody played)
      this.seats.delete(seat.userId);
      this.game.players[seat.color] = null;
      this.sync();
      return;
    }
    if (seat.connected) this.markGone(seat);
  }

  override onBeforeShutdown(): void {
    // Graceful stop: every move is already stored; recovery rebuilds the games on the next start.
    this.broadcast("error", { code: "SERVER_RESTARTING", message: "the server is restarting; your game is saved and will resume" });
    this.disconnect(4001);
  }

  override onDispose(): void {
    this.flagTimer?.clear();
    this.clockResync?.clear();
    for (const t of this.graceTimers.values()) t.clear();
  }

  // ---- commands ----------------------------------------------------------------------------

  /** Runs a rule for the sender's colour, after every earlier command has finished. */
  private command(client: Client, rule: (color: Color, now: number) => Result<Outcome>): Promise<Rejection | undefined> {
    const data = (client as ChessClient).userData;
    const seat = data?.role === "player" ? this.seats.get(data.userId) : undefined;
    if (!seat || seat.sessionId !== client.sessionId) return Promise.resolve({ code: "NOT_A_PLAYER", message: "spectators cannot play; only the two seated players can" });
    return this.serially(async () => {
      const result = rule(seat.color, this.frozenAt ?? this.platform.now()); // frozen clocks do not run
      if (!result.ok) return result.error;
      await this.apply(result.value);
      return undefined;
    });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Persists the outcome's events (moves first, then the end), then patches and flushes state. */
  private async apply(outcome: Outcome): Promise<void> {
    if (outcome.duplicate || outcome.events.length === 0) return;
    try {
      for (const e of outcome.events) {
        if (e.type === "moved") {
          await this.moves.add({ game_id: this.state.gameId, ply: e.ply, san: e.san, uci: e.uci, played_at: e.at, white_ms: e.whiteMs, black_ms: e.blackMs });
          this.rematchVotes.clear();
        }
      }
      const ended = outcome.events.find((e): e is Extract<ChessEvent, { type: "ended" }> => e.type === "ended");
      if (ended) await this.storeEnd();
    } catch (e) {
      // the rules already applied it in memory: rebuild from what is stored, so nothing is half-applied
      this.log.error("could not store a command; rebuilding the game from the database", { error: e });
      await this.rebuildFromStore();
      throw e;
    }
    this.sync();
    this.scheduleFlag();
  }

  private async storeNewGame(): Promise<void> {
    const white = this.seatOf("white")!;
    const black = this.seatOf("black")!;
    await this.repo.createGame({
      id: this.state.gameId, time_control: this.game.timeControl.label, category: this.game.timeControl.category,
      white_id: white.userId, black_id: black.userId, white_name: white.name, black_name: black.name,
      white_rating: Math.round(white.rating.rating), black_rating: Math.round(black.rating.rating),
      start_fen: this.game.startFen, private: this.challenge ? 1 : 0, host: processHost(), created_at: this.platform.now(),
    });
    this.stored = true;
    this.autoDispose = false;
  }

  private async storeEnd(): Promise<void> {
    if (!this.stored) {
      // a waiting room never became a game: aborted, it must leave quick pairing, the seek and the
      // lobby's list, or every joinOrCreate of its time control lands in it and is refused GAME_OVER
      await this.setPrivate(true);
      return;
    }
    const white = this.seatOf("white")!;
    const black = this.seatOf("black")!;
    const record = finishedGameRecord(this.game, white, black, this.platform.now());
    await this.repo.finishGame(this.state.gameId, record, { id: white.userId }, { id: black.userId });
    if (record.ratings) {
      white.ratingDiff = record.ratings.whiteDiff;
      black.ratingDiff = record.ratings.blackDiff;
    }
    this.autoDispose = true;
    if (this.clients.length === 0) this.disconnect();
  }

  private async rebuildFromStore(): Promise<void> {
    const moves = await this.repo.moves(this.state.gameId).catch(() => undefined);
    if (!moves) return;
    const rebuilt = replay(moves.map((m) => ({ san: m.san, at: Number(m.played_at) })), {
      timeControl: this.game.timeControl, white: this.game.players.white!, black: this.game.players.black!, fen: this.game.startFen,
    });
    if (rebuilt.ok) {
      resume(rebuilt.value, this.platform.now());
      this.game = rebuilt.value;
    }
  }

  private rematch(client: ChessClient): Promise<Rejection | undefined> | Rejection {
    const seat = client.userData?.role === "player" ? this.seats.get(client.userData.userId) : undefined;
    if (!seat) return { code: "NOT_A_PLAYER", message: "only the players can ask for a rematch" };
    if (this.game.status !== "ended") return { code: "GAME_NOT_OVER", message: "a rematch can be asked for once the game is over" };
    if (this.state.nextGameId) return { code: "REMATCH_STARTED", message: `the rematch is game ${this.state.nextGameId}` };
    return this.serially(async () => {
      this.rematchVotes.add(seat.color);
      this.state.rematchOfferBy = this.rematchVotes.size === 1 ? seat.color : "";
      if (this.rematchVotes.size === 2) {
        const white = this.seatOf("black")!.userId; // colours swap
        const black = this.seatOf("white")!.userId;
        const next = await matchMaker.createRoom("chess", { __rematch: { white, black, timeControl: this.game.timeControl.label, private: this.challenge } });
        this.state.nextGameId = next.roomId;
      }
      this.broadcastPatch();
      return undefined;
    });
  }

  /** Withdraws my rematch offer, or declines the opponent's: either way nobody is asking any more. */
  private declineRematch(client: ChessClient): Promise<Rejection | undefined> | Rejection {
    const seat = client.userData?.role === "player" ? this.seats.get(client.userData.userId) : undefined;
    if (!seat) return { code: "NOT_A_PLAYER", message: "only the players can answer a rematch offer" };
    if (this.state.nextGameId) return { code: "REMATCH_STARTED", message: `the rematch is game ${this.state.nextGameId}` };
    if (this.rematchVotes.size === 0) return { code: "NO_REMATCH_OFFER", message: "nobody has asked for a rematch" };
    return this.serially(async () => {
      if (this.state.nextGameId || this.rematchVotes.size === 0) return undefined; // settled meanwhile
      this.rematchVotes.clear();
      this.state.rematchOfferBy = "";
      this.broadcastPatch();
      return undefined;
    });
  }

  // ---- timers and presence ---------------------------------------------------------------------

  /**
   * Arms the flag check for the running side's deadline. A check already armed for an earlier time
   * is kept: when it fires early it finds no flag and re-arms for what is left. Moves alternate the
   * running side, so re-creating the Node timer on every move (as this used to) was ~2 % of the
   * room's CPU per move in the capacity bench, for a check that fires minutes later.
   */
  private scheduleFlag(): void {
    const now = this.platform.now();
    const ms = this.game.status === "playing" && this.frozenAt === null ? msUntilFlag(this.game.clock, now) : null;
    if (ms === null) {
      this.flagTimer?.clear();
      this.flagTimer = undefined;
      return;
    }
    const at = now + ms + 1;
    if (this.flagTimer && this.flagAt <= at) return;
    this.flagTimer?.clear();
    this.flagAt = at;
    this.flagTimer = timer(() => {
      this.flagTimer = undefined;
      void this.serially(async () => {
        const events = checkFlag(this.game, this.platform.now());
        if (events.length) await this.apply({ events, duplicate: false });
        else this.scheduleFlag();
      }).catch((e) => this.log.error("flag check failed", { error: e }));
    }, ms + 1);
  }

  private markGone(seat: Seat): void {
    seat.connected = false;
    if (this.game.status !== "playing") {
      this.sync();
      return;
    }
    seat.reconnectDeadline = this.platform.now() + ChessRoom.reconnectSeconds * 1000;
    this.startGraceTimer(seat.userId, ChessRoom.reconnectSeconds);
    this.sync();
  }

  private startGraceTimer(userId: string, seconds: number): void {
    this.graceTimers.get(userId)?.clear();
    this.graceTimers.set(userId, timer(() => {
      this.graceTimers.delete(userId);
      void this.serially(async () => {
        const seat = this.seats.get(userId);
        if (!seat || seat.connected || this.game.status !== "playing") return;
        const other = this.seatOf(opposite(seat.color));
        if (other && !other.connected && other.reconnectDeadline <= this.platform.now()) {
          // nobody is left: the game is abandoned by whoever left first (aborted if nobody played)
          const firstGone = other.reconnectDeadline <= seat.reconnectDeadline ? other : seat;
          const outcome = claimVictory(this.game, opposite(firstGone.color), this.platform.now());
          if (outcome.ok) await this.apply(outcome.value);
        } else {
          this.sync(); // the opponent's client may now offer claimVictory / claimDraw
        }
      }).catch((e) => this.log.error("reconnect window handling failed", { error: e }));
    }, seconds * 1000 + 1));
  }

  /** The opponent of `color` is disconnected and its reconnection window has passed. */
  private opponentGone(color: Color, now: number): boolean {
    const other = this.seatOf(opposite(color));
    return !!other && !other.connected && other.reconnectDeadline > 0 && other.reconnectDeadline <= now;
  }

  private seatOf(color: Color): Seat | undefined {
    for (const s of this.seats.values()) if (s.color === color) return s;
    return undefined;
  }

  /**
   * A page ticks the running clock down from `clockSyncedAt`, and its first sample of the server's
   * time is its join state, which a page still loading reads late: its clock then shows too much
   * time (0.7 s in a desktop browser, more on a phone) until the next move's patch. A fresh
   * `clockSyncedAt` a second after any join gives it a true sample; one patch, and none while no
   * clock runs (a new game's first moves, a frozen clock, the game over).
   */
  private resyncClockSoon(): void {
    if (this.clockResync !== undefined) return;
    this.clockResync = timer(() => {
      this.clockResync = undefined;
      if (this.game.status === "playing" && this.game.clock.running !== null && this.frozenAt === null) this.sync();
    }, CLOCK_RESYNC_MS);
  }

  /** Game and seats → schema state, sent to everyone now (moves must not wait for a patch tick). */
  private sync(): void {
    this.syncAt(this.frozenAt ?? this.platform.now());
  }

  private syncAt(now: number): void {
    syncState(this.state, this.game, this.seats, now);
    if (this.frozenAt !== null) this.state.clockRunning = ""; // frozen: clients must not tick it down
    this.broadcastPatch();
  }
}

/** How long after a join the room refreshes `clockSyncedAt` (resyncClockSoon). */
const CLOCK_RESYNC_MS = 1000;

/**
 * Node timers, not the room clock: Colyseus's clock only advances when the room ticks (its patch
 * interval, 1 s here), so a flag would fall up to a second late. Cleared in onDispose.
 */
interface Timer {
  clear(): void;
}

function timer(fn: () => void, ms: number): Timer {
  const t = setTimeout(fn, ms);
  return { clear: () => clearTimeout(t) };
}

function toInput(m: MoveMessage) {
  return "san" in m ? { san: m.san } : { from: m.from, to: m.to, ...(m.promotion ? { promotion: m.promotion } : {}) };
}

function stripInternal(raw: Record<string, unknown>): Record<string, unknown> {
  const { _authToken, __recover, __rematch, __chargedUntil, ...rest } = raw;
  void _authToken; void __recover; void __rematch; void __chargedUntil;
  return rest;
}

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export type { GameRow };
