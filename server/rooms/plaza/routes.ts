/** Plaza HTTP routes (mounted at /api/plaza): analytics aggregates, read from the database. */
import type { Router } from "express";
import { z } from "zod";
import type { Platform } from "../../platform/context.js";
import { parseWith, route } from "../../platform/http.js";
import { queryInt } from "../../platform/validation.js";
import { PlazaAnalyticsRepository } from "./analyticsRepository.js";

export function plazaRoutes(router: Router, platform: Platform): void {
  const repo = new PlazaAnalyticsRepository(platform.db.kysely);
  router.get("/stats", route(async (req, res) => {
    const q = parseWith(z.object({ since: queryInt(0, Number.MAX_SAFE_INTEGER, 0) }).strict(), req.query, "query");
    res.json({ since: q.since, ...(await repo.stats(q.since)) });
  }));
}
