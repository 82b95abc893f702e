// `npm run bench -- NAME [args]` runs bench/NAME.ts; without a name, lists them.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";

const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".ts") && !["run.ts", "lib.ts"].includes(f))
  .map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <${available.join("|")}> [args]`);
  process.exit(name ? 1 : 0);
}
process.argv = [process.argv[0]!, resolve(import.meta.dirname, `${name}.ts`), ...rest];
await import(resolve(import.meta.dirname, `${name}.ts`));
