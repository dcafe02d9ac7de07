/**
 * Runs a storage suite on every dialect this machine can run: SQLite always (a temp file), and
 * PostgreSQL when DATABASE_URL is set (CI sets it), each run in a schema of its own that is dropped
 * afterwards. Without DATABASE_URL the Postgres suite skips and says why, in one line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dropPostgresSchema, openDatabase, type Database } from "../../server/platform/db/database.js";

export interface DialectTarget {
  label: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

export function dialectTargets(): Array<DialectTarget | { label: string; skip: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "statecraft-db-"));
  const url = process.env.DATABASE_URL;
  const schema = `t_${randomBytes(6).toString("hex")}`;
  return [
    {
      label: "sqlite",
      open: () => openDatabase({ sqliteFile: path.join(dir, "test.db") }),
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    },
    url
      ? {
          label: "postgres",
          open: () => openDatabase({ url, schema, poolSize: 4 }),
          cleanup: () => dropPostgresSchema(url, schema),
        }
      : { label: "postgres", skip: "DATABASE_URL is not set (CI sets it to this machine's PostgreSQL)" },
  ];
}

/** `describe` once per dialect; the Postgres one skips with its reason when unavailable. */
export function describeEachDialect(title: string, body: (target: () => Database) => void): void {
  for (const target of dialectTargets()) {
    describe(`${title} [${target.label}]`, function () {
      if ("skip" in target) {
        before(function () {
          console.log(`      (skipped: ${target.skip})`);
          this.skip();
        });
        it("runs against PostgreSQL", () => {});
        return;
      }
      let db: Database;
      before(async () => {
        db = await target.open();
      });
      after(async () => {
        await db?.close();
        await target.cleanup();
      });
      body(() => db);
    });
  }
}
