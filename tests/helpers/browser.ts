/**
 * Browser tests: Debian chromium driven by playwright-core (STACK.md). One place for the launch
 * flags (no sandbox as root, no background networking on this closed network), the one-line skip
 * when chromium is absent, the built client, and where screenshots go.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.join(ROOT, "dist/client");

export const CHROMIUM = "/usr/bin/chromium";
/** Screenshots of browser tests (git-ignored). */
export const E2E_OUT = path.join(ROOT, "test-output/e2e");

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Skips the suite, saying why in one line, when chromium is not installed. */
export function skipWithoutChromium(ctx: Mocha.Context): void {
  if (fs.existsSync(CHROMIUM)) return;
  console.log(`    skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);
  ctx.skip();
}

/**
 * Builds the client into dist/client when it is missing — or, given `marker`, when no bundle
 * contains it (a build that predates the scene under test).
 */
export function ensureClientBuilt(marker?: string): void {
  const assets = path.join(DIST, "assets");
  const built =
    fs.existsSync(path.join(DIST, "index.html")) &&
    (!marker ||
      (fs.existsSync(assets) &&
        fs.readdirSync(assets).some((f) => f.endsWith(".js") && fs.readFileSync(path.join(assets, f), "utf8").includes(marker))));
  if (built) return;
  execFileSync(path.join(ROOT, "node_modules/.bin/vite"), ["build", "--config", "client/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A headless chromium with a fresh profile of its own (one user). */
export async function launchChromium(opts: { viewport: { width: number; height: number }; acceptDownloads?: boolean; touch?: boolean }): Promise<LaunchedBrowser> {
  fs.mkdirSync(E2E_OUT, { recursive: true });
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport,
    ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
    ...(opts.touch ? { hasTouch: true, isMobile: true } : {}), // a phone: touch events, no mouse hover
    args: ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
