/**
 * Faults of the local Batch API, for testing the Batch API engine offline. Written like the Images
 * faults, in the server's `batchFaults` option or the `x-images-batch-fault` header of
 * `POST /v1/batches`:
 *
 *   line-fail; line=N [; status=S]   input line N (1-based) answers status S (default 500): an error-file line
 *   expire; after=N                  the batch expires after N lines; the rest get `batch_expired`
 *   slow [; polls=N]                 the batch stays `in_progress` until it has been retrieved N times,
 *                                    or, without `polls`, until `server.releaseBatches()`
 *
 * Several faults are separated by commas: `line-fail; line=3, slow; polls=4`.
 */

/** The header that asks for batch faults. */
export const BATCH_FAULT_HEADER = "x-images-batch-fault";

/** What goes wrong with one batch. */
export interface BatchFaults {
  /** 1-based input line → the status it answers. */
  failLines: Map<number, number>;
  /** Lines processed before the batch expires. */
  expireAfter?: number | undefined;
  /** Retrieves before the batch may finish; `Infinity` holds it until released. */
  slowPolls?: number | undefined;
}

/**
 * @example
 * parseBatchFaults("line-fail; line=2, expire; after=5").expireAfter; // 5
 */
export function parseBatchFaults(text: string | undefined): BatchFaults {
  const faults: BatchFaults = { failLines: new Map() };
  for (const part of (text ?? "").split(",")) {
    const [head = "", ...pairs] = part.split(";").map((s) => s.trim());
    if (head === "") continue;
    const params = new Map<string, number>();
    for (const pair of pairs) {
      const [key = "", value = ""] = pair.split("=").map((s) => s.trim());
      const n = Number(value);
      if (!key || value === "" || !Number.isInteger(n) || n < 0)
        throw new Error(`batch fault "${part.trim()}": expected key=<integer>, got "${pair}"`);
      params.set(key.toLowerCase(), n);
    }
    const need = (key: string) => {
      const v = params.get(key);
      if (v === undefined) throw new Error(`batch fault "${part.trim()}" needs ${key}=N`);
      return v;
    };
    const kind = head.toLowerCase();
    if (kind === "line-fail") faults.failLines.set(need("line"), params.get("status") ?? 500);
    else if (kind === "expire") faults.expireAfter = need("after");
    else if (kind === "slow") faults.slowPolls = params.get("polls") ?? Number.POSITIVE_INFINITY;
    else throw new Error(`unknown batch fault "${head}" (use line-fail, expire or slow)`);
  }
  return faults;
}
