/**
 * The placement declarations match the code: every `database` slice names a repository file that
 * exists and that the kind's migrations create tables for; every kind's spec is valid.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { builtinKinds } from "../../server/rooms/index.js";
import { validateSpec } from "../../shared/core/spec.js";
import { echoKind } from "../helpers/EchoRoom.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("placement declarations match the code", () => {
  for (const kind of [...builtinKinds, echoKind]) {
    describe(`kind "${kind.spec.name}"`, () => {
      it("has a valid spec", () => {
        const r = validateSpec(kind.spec);
        assert.ok(r.ok, r.ok ? "" : r.error.message);
      });
      const dbSlices = kind.spec.placement.filter((s) => s.where === "database");
      for (const slice of dbSlices) {
        it(`database slice "${slice.slice}" has its repository (${slice.repository}) and migrations`, () => {
          const file = path.join(ROOT, slice.repository!);
          assert.ok(fs.existsSync(file), `${slice.repository} exists`);
          assert.ok(Object.keys(kind.migrations ?? {}).length > 0, "the kind brings migrations for its tables");
        });
      }
    });
  }
});
