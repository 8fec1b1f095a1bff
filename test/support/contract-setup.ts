/**
 * Contract checks for the whole test suite (a vitest `setupFiles` entry). Every `/images/*` request
 * sent through `globalThis.fetch` in any test (our client's default transport, the official SDK's,
 * raw `fetch` calls) is validated against `openapi/images.yaml`, and so is every response and stream
 * event that comes back. A violation fails the test that caused it, after the test has run.
 *
 * Tests that send or serve invalid traffic on purpose (to test rejection) say so with
 * `allowSpecViolations("why")`. Traffic through other transports (the Node transport) is checked
 * where those tests wrap it in `createContractFetch` themselves (see wire-compat.test.ts).
 */
import { afterEach } from "vitest";
import {
  type ContractFetch,
  type ContractViolation,
  createContractFetch,
  createSpecValidator,
} from "../../src/server/index.js";

interface ContractState {
  contract: ContractFetch;
  /** Why the current test may produce violations, when it may. */
  allowed: string | undefined;
}

const KEY = Symbol.for("openai-images.test-contract");
const holder = globalThis as { [KEY]?: ContractState };

function state(): ContractState {
  let s = holder[KEY];
  if (!s) {
    const original = globalThis.fetch;
    // Compiled here, up front: compiling inside a test would eat into its timers and waits.
    const contract = createContractFetch({
      fetch: (input, init) => original(input, init),
      validator: createSpecValidator(),
    });
    globalThis.fetch = contract as typeof fetch;
    s = { contract, allowed: undefined };
    holder[KEY] = s;
  }
  return s;
}

/** The suite-wide checker (to read `violations` and `checked` in a test). */
export function suiteContract(): ContractFetch {
  return state().contract;
}

/** Lets the current test produce spec violations; `reason` documents why (it is not checked). */
export function allowSpecViolations(reason: string): void {
  state().allowed = reason;
}

/**
 * Ends the current test's contract window: waits (briefly) for responses still being checked,
 * returns the violations the test did not allow, and resets for the next test.
 */
export async function endContractWindow(): Promise<ContractViolation[]> {
  const s = state();
  // Bodies nobody reads to the end are never checked; do not let them hold the suite.
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 2_000);
    timer.unref();
  });
  await Promise.race([s.contract.settled(), bound]);
  clearTimeout(timer);
  const unexpected = s.allowed === undefined ? [...s.contract.violations] : [];
  s.contract.reset();
  s.allowed = undefined;
  return unexpected;
}

state();

afterEach(async () => {
  const unexpected = await endContractWindow();
  if (unexpected.length === 0) return;
  const lines = unexpected.map(
    (v) =>
      `  ${v.kind} ${v.method} ${v.path}${v.status ? ` (${v.status})` : ""}: ${v.errors
        .map((e) => `${e.instancePath || "(body)"} ${e.message}`)
        .join("; ")}`,
  );
  throw new Error(
    `This test sent or received traffic that openapi/images.yaml does not allow:\n${lines.join("\n")}\n` +
      'If that is the point of the test, call allowSpecViolations("why") in it.',
  );
});
