import assert from "node:assert/strict";
import { migrate, platformMigrations } from "../../server/platform/db/migrate.js";
import { UserRepository } from "../../server/platform/db/users.js";
import { describeEachDialect } from "../helpers/databases.js";

describeEachDialect("platform storage", (db) => {
  it("applies the migrations once, and again is a no-op", async () => {
    const first = await migrate(db(), [platformMigrations]);
    assert.deepEqual(first, ["platform_0001_users"]);
    assert.deepEqual(await migrate(db(), [platformMigrations]), []);
  });

  it("starts without a kind whose migrations ran before (a mod taken out): they stay applied, and are reported", async () => {
    const mod = { modgone_0001_t: { up: async (k: any) => void (await k.schema.createTable("modgone_t").addColumn("id", "integer").execute()) } };
    assert.deepEqual(await migrate(db(), [platformMigrations, mod]), ["modgone_0001_t"]);
    const reported: string[][] = [];
    assert.deepEqual(await migrate(db(), [platformMigrations], (names) => reported.push(names)), []);
    assert.deepEqual(reported, [["modgone_0001_t"]]);
    assert.deepEqual(await migrate(db(), [platformMigrations, mod]), [], "back again: nothing to run, the table is still there");
    await db().kysely.selectFrom("modgone_t").selectAll().execute();
  });

  it("refuses a migration name defined twice", async () => {
    await assert.rejects(migrate(db(), [platformMigrations, platformMigrations]), /defined twice/);
  });

  it("stores guests and finds them by id; integers come back as numbers", async () => {
    const users = new UserRepository(db().kysely);
    const before = await users.count();
    const ann = await users.createGuest("Ann", 1_700_000_000_123);
    const bob = await users.createGuest("Bob", 1_700_000_000_456);
    assert.notEqual(ann.id, bob.id);
    assert.deepEqual(await users.find(ann.id), ann);
    assert.equal(await users.find("missing"), undefined);
    assert.equal(await users.count(), before + 2);
    const row = await db().kysely.selectFrom("users").select("created_at").where("id", "=", bob.id).executeTakeFirstOrThrow();
    assert.equal(row.created_at, 1_700_000_000_456);
  });

  it("answers ping", async () => {
    assert.equal(await db().ping(), true);
  });
});
