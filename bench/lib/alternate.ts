/** Runs a measurement for several clients, several times, rotating which goes first. */
import type { ClientName } from "./protocol.js";

export interface Samples<T> {
  /** Results per client; empty for a client that could not run. */
  results: Record<ClientName, T[]>;
  /** Why a client could not run (e.g. a piece not landed yet). The SDK's failures are not caught. */
  errors: Partial<Record<ClientName, string>>;
}

export async function alternate<T>(
  reps: number,
  clients: readonly ClientName[],
  run: (client: ClientName) => Promise<T>,
): Promise<Samples<T>> {
  const samples: Samples<T> = { results: { ours: [], "ours-node": [], sdk: [] }, errors: {} };
  for (let rep = 0; rep < reps; rep++) {
    // Rotating the order cancels out "the later one runs on a warmer (or busier) machine" effects.
    const order = clients.map((_, i) => clients[(i + rep) % clients.length] as ClientName);
    for (const client of order) {
      if (samples.errors[client] !== undefined) continue;
      try {
        samples.results[client].push(await run(client));
      } catch (error) {
        if (client === "sdk") throw error;
        samples.errors[client] = error instanceof Error ? error.message : String(error);
      }
    }
  }
  return samples;
}
