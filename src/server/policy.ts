/**
 * How the local server answers, declared once: the server's modes, and for each the policy object
 * that the one request pipeline (`pipeline.ts`) and the Files and Batches routes ask at every step
 * where the modes differ. The server option `mode`, its type, its documentation and the CLI's
 * `serve --mock` flag all read {@link SERVER_MODES}; a mode is a policy, never a second handler.
 *
 * No heavy imports here: the CLI reads this module to build its flags without loading the server.
 */
import type { Lifecycle } from "./model-traits.js";

/**
 * The server's modes, with what each is for. Every mode but the default has a CLI flag of its name
 * (`openai-images serve --mock`), whose help is `help`.
 *
 * @example
 * Object.keys(SERVER_MODES); // ["api", "mock"]
 */
export const SERVER_MODES = {
  api: {
    default: true,
    help: "answer as OpenAI's API does today: its observed refusals, the spec and the model rules check every request, and placeholder data is refused as the API refuses it",
  },
  mock: {
    default: false,
    help: "a schema-only mock for SDK and wrapper test suites: the spec alone checks requests, placeholder uploads are drawn as a placeholder image, unknown file and batch ids get synthetic objects",
  },
} as const satisfies Record<string, { default: boolean; help: string }>;

/**
 * A mode of the server:
 * - `"api"` (the default) answers as OpenAI's API does: every request is checked against the spec
 *   and the model rules, uploads must be images, and unknown ids are 404s. Use it to test an
 *   application.
 * - `"mock"` answers every request the spec allows with a spec-valid success (real images, real
 *   streams): no model rules, uploads that are not images are replaced by a placeholder image, and
 *   unknown file and batch ids get synthetic objects of the right shape. Use it for SDK and wrapper
 *   test suites, such as the official SDKs' generated API tests. A request that breaks the spec is
 *   still a 4xx in the API's error shape.
 */
export type ServerMode = keyof typeof SERVER_MODES;

/** The mode a server runs in when none is given. */
export const DEFAULT_SERVER_MODE = (Object.keys(SERVER_MODES) as ServerMode[]).find(
  (mode) => SERVER_MODES[mode].default,
) as ServerMode;

/**
 * How the server answers, read by the steps of the pipeline and by the Files and Batches routes.
 * Each field is one decision on which the modes differ.
 *
 * @example
 * const policy = serverPolicy({ mode: "mock" });
 * policy.checks; // "spec"
 */
export interface ServerPolicy {
  /** The mode this policy implements. */
  readonly name: ServerMode;
  /** How retired models and the retired variations endpoint are answered. */
  readonly retired: Lifecycle;
  /** What checks a request: the spec, then the model rules (`"spec-and-rules"`), or the spec alone. */
  readonly checks: "spec-and-rules" | "spec";
  /**
   * Whether a request is first held against OpenAI's observed refusals, in the API's order of checks
   * and with its envelopes (`firstRefusal()` of `models/api-errors.ts`), before the spec and the
   * model rules judge what the evidence does not cover.
   */
  readonly apiRefusals: boolean;
  /**
   * An upload (or `images[]` reference) the server cannot use as an image: refused with the API's
   * 400 `invalid_image_file`, or replaced by the placeholder image (also an image over
   * `maxInputPixels`, which is then never decoded).
   */
  readonly unusableUpload: "refuse" | "placeholder";
  /**
   * A file or batch id the server does not hold (retrieve, delete, cancel, content, a batch's
   * `input_file_id`): a 404 (a 400 for `input_file_id`), or a synthetic object of the right shape.
   */
  readonly unknownIds: "not-found" | "synthesize";
  /**
   * A list `limit` outside the range the spec's description states (1–100 batches, 1–10,000 files;
   * its schema sets none): refused with a 400, or clamped into the range.
   */
  readonly listLimit: "refuse" | "clamp";
}

/**
 * Answer as OpenAI's API does today (the default, `retired: "refuse"`): the API's observed refusals
 * (the error catalogue) are checked first, in its order of checks and with its envelopes; retired
 * models and the variations endpoint are refused. Or, with `retired: "serve"`, as an
 * OpenAI-compatible server that still serves them: the spec and the model rules as for any server
 * other than OpenAI's (rules known only from the API's observed answers are not applied, as the
 * client only warns about them for such servers).
 */
export function apiPolicy(options: { retired?: Lifecycle | undefined } = {}): ServerPolicy {
  const retired = options.retired ?? "refuse";
  return {
    name: "api",
    retired,
    checks: "spec-and-rules",
    apiRefusals: retired === "refuse",
    unusableUpload: "refuse",
    unknownIds: "not-found",
    listLimit: "refuse",
  };
}

/** Answer every request the spec allows with a success (see {@link ServerMode}). */
export function mockPolicy(): ServerPolicy {
  // Retired models and the variations endpoint are in the spec: a mock serves them.
  return {
    name: "mock",
    retired: "serve",
    checks: "spec",
    apiRefusals: false,
    unusableUpload: "placeholder",
    unknownIds: "synthesize",
    listLimit: "clamp",
  };
}

/**
 * The policy of a server's options: its `mode` (`retired` applies to the API mode; a mock serves
 * whatever the spec allows).
 *
 * @example
 * serverPolicy({ mode: "mock" }).name; // "mock"
 */
export function serverPolicy(options: {
  mode?: ServerMode | undefined;
  retired?: Lifecycle | undefined;
}): ServerPolicy {
  const mode = options.mode ?? DEFAULT_SERVER_MODE;
  if (!Object.hasOwn(SERVER_MODES, mode)) {
    throw new TypeError(
      `mode must be one of ${Object.keys(SERVER_MODES).join(", ")}, got ${JSON.stringify(mode)}`,
    );
  }
  return POLICIES[mode](options.retired);
}

/** Each mode's policy, from the `retired` option. */
const POLICIES = {
  api: (retired) => apiPolicy({ retired }),
  mock: (retired) => {
    // Refusing retired models is a model rule; a mock has none, so the two options contradict.
    if (retired === "refuse") {
      throw new TypeError(
        'retired: "refuse" answers as the API does; mode "mock" serves what the spec allows',
      );
    }
    return mockPolicy();
  },
} as const satisfies Record<ServerMode, (retired: Lifecycle | undefined) => ServerPolicy>;
