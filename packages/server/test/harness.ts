// Test harness: a real Tack server on a free port with a fresh database (a temporary SQLite file,
// or a fresh PostgreSQL database when TACK_TEST_STORE=postgres), and a small HTTP client that
// signs up and speaks to it the way a browser (cookie + CSRF) or an API script (key + token) does.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A fresh PostgreSQL database for one test run; `drop` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const admin = process.env.TACK_TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `tack_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export type StoreKind = "sqlite" | "postgres";
export const storeKind = (): StoreKind =>
  process.env.TACK_TEST_STORE === "postgres" ? "postgres" : "sqlite";
/** The stores an API suite runs against: both, unless TACK_TEST_STORES narrows it (`sqlite`). */
export const storeKinds = (): StoreKind[] =>
  (process.env.TACK_TEST_STORES ?? "sqlite,postgres")
    .split(",")
    .filter((k): k is StoreKind => k === "sqlite" || k === "postgres");

export async function startServer(
  env: Record<string, string> = {},
  kind: StoreKind = storeKind(),
): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "tack-test-"));
  const pg = kind === "postgres" ? await freshPostgresDatabase() : null;
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    TACK_PUBLIC_URL: `http://127.0.0.1:${port}`,
    TACK_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    TACK_CHECK_SHARED_OBJECTS: "1",
    ...(pg && { DATABASE_URL: pg.url }),
    ...env,
  });
  const app = await buildApp(config);
  await app.http.listen({ port, host: "127.0.0.1" });
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    async stop() {
      await app.close();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

type Auth = "session" | "token" | "none";

/** One person talking to the server: a browser session (cookie + CSRF token) and an API token. */
export class Person {
  readonly server: TestServer;
  username = "";
  id = "";
  cookie = "";
  csrf = "";
  token = "";

  constructor(server: TestServer) {
    this.server = server;
  }

  static async signUp(server: TestServer, username: string): Promise<Person> {
    const person = new Person(server);
    const res = await person.call(
      "POST",
      "/auth/signup",
      {
        username,
        email: `${username}@example.test`,
        password: "correct horse battery",
        fullName: `Test ${username}`,
      },
      "none",
    );
    if (res.status !== 200) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    person.username = username;
    person.id = res.body.member.id;
    person.csrf = res.body.csrfToken;
    person.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const token = await person.call("POST", "/1/members/me/tokens", { name: "tests" });
    person.token = token.body.token;
    return person;
  }

  /** The same person with the same credentials, asking another server (a process of one cluster). */
  on(server: TestServer): Person {
    const twin = new Person(server);
    twin.username = this.username;
    twin.id = this.id;
    twin.cookie = this.cookie;
    twin.csrf = this.csrf;
    twin.token = this.token;
    return twin;
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    auth: Auth = "token",
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    let url = this.server.url + path;
    const h: Record<string, string> = { ...headers };
    if (auth === "token" && this.token)
      url += `${path.includes("?") ? "&" : "?"}key=${"0".repeat(32)}&token=${this.token}`;
    if (auth === "session" || (auth === "token" && !this.token && this.cookie)) {
      h.cookie = this.cookie;
      if (method !== "GET") h["x-csrf-token"] = this.csrf;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await fetch(url, { method, headers: h, ...(payload !== undefined && { body: payload }) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.call<T>("GET", path);
  post = <T = any>(path: string, body?: unknown) => this.call<T>("POST", path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.call<T>("PUT", path, body ?? {});
  del = <T = any>(path: string) => this.call<T>("DELETE", path);
}
