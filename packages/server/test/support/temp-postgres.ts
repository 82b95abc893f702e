// A fresh PostgreSQL database per test run (`tack_t_<random>`), so runs never see each other's data
// and can run at the same time. Needs PostgreSQL on 127.0.0.1:5432 with trust auth for `postgres`
// (scripts/ensure-postgres.sh sets that up).
import { randomBytes } from "node:crypto";
import { Client } from "pg";

const SERVER_URL = "postgres://postgres@127.0.0.1:5432";

export interface TempDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `tack_t_${randomBytes(6).toString("hex")}`;
  await onServer((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: `${SERVER_URL}/${name}`,
    // FORCE: a test that failed half-way may have left connections open.
    drop: () =>
      onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
