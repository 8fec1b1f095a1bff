/** Runs a measurement for both clients, several times, alternating which goes first. */
import type { ClientName } from "./protocol.js";

export interface Samples<T> {
  ours: T[];
  sdk: T[];
  /** Set when our side could not run (e.g. a piece not landed yet); the SDK side still reports. */
  oursError?: string;
}

export async function alternate<T>(
  reps: number,
  run: (client: ClientName) => Promise<T>,
): Promise<Samples<T>> {
  const samples: Samples<T> = { ours: [], sdk: [] };
  for (let rep = 0; rep < reps; rep++) {
    // Alternating the order cancels out "second one runs on a warmer machine" effects.
    const order: ClientName[] = rep % 2 === 0 ? ["sdk", "ours"] : ["ours", "sdk"];
    for (const client of order) {
      if (client === "ours") {
        if (samples.oursError !== undefined) continue;
        try {
          samples.ours.push(await run("ours"));
        } catch (error) {
          samples.oursError = error instanceof Error ? error.message : String(error);
        }
      } else {
        samples.sdk.push(await run("sdk"));
      }
    }
  }
  return samples;
}
