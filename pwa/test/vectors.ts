import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const VECTORS = fileURLToPath(new URL("../../sync/vectors/", import.meta.url));

/** Load one of the shared vector files that the Python engine also runs. */
export function vectors<T>(name: string): T {
  return JSON.parse(readFileSync(VECTORS + name, "utf8")) as T;
}
