/** Where things are, resolved from this file so `npm run bench` works from any working directory. */
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BENCH = fileURLToPath(new URL("../", import.meta.url));
/** Git-ignored scratch space: compiled JS, upload fixtures, bundles. */
export const WORK = fileURLToPath(new URL("../.work/", import.meta.url));
/** Plain JS of `src/`, `generated/` and `bench/`, laid out like the sources. */
export const COMPILED = `${WORK}js/`;
export const RESULTS_FILE = `${BENCH}RESULTS.md`;
