/** Shooter HTTP routes (mounted at /api/shooter): finished matches and a player's stats, from the database. */
import type { Router } from "express";
import { z } from "zod";
import type { Platform } from "../../platform/context.js";
import { HttpError, parseWith, route } from "../../platform/http.js";
import { accuracy, MatchRepository } from "./matchRepository.js";

const Id = z.string().min(1).max(64).regex(/^[\w-]+$/, "letters, digits, - and _");

export function shooterRoutes(router: Router, platform: Platform): void {
  const repo = new MatchRepository(platform.db.kysely);

  router.get("/matches/:id", route(async (req, res) => {
    const id = parseWith(Id, req.params.id, "id");
    const m = await repo.match(id);
    if (!m) throw new HttpError(404, "NOT_FOUND", `no match ${id}`);
    res.json({ ...m, players: m.players.map((p) => ({ ...p, accuracy: accuracy(p.hits, p.shots) })) });
  }));

  router.get("/players/:userId", route(async (req, res) => {
    const userId = parseWith(Id, req.params.userId, "userId");
    res.json(await repo.player(userId));
  }));
}
