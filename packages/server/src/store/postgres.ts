// The PostgreSQL adapter lives in postgres/, one file per concern; this path stays for its importers.
export { createPostgresStore, PostgresStore, type PostgresStoreOptions } from "./postgres/store.ts";
