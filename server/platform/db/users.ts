/** Users (guests for now): the identity every room's onAuth resolves a token to. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";

export interface UserRow {
  id: string;
  name: string;
  kind: string;
  created_at: number;
}

export interface User {
  id: string;
  name: string;
}

export class UserRepository {
  constructor(private readonly db: Kysely<any>) {}

  async createGuest(name: string, now: number): Promise<User> {
    const user = { id: randomUUID(), name, kind: "guest", created_at: now };
    await this.db.insertInto("users").values(user).execute();
    return { id: user.id, name: user.name };
  }

  async find(id: string): Promise<User | undefined> {
    const row = (await this.db.selectFrom("users").select(["id", "name"]).where("id", "=", id).executeTakeFirst()) as
      | User
      | undefined;
    return row ? { id: row.id, name: row.name } : undefined;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
