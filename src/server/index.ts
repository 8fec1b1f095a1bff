/** `openai-images/server`: Node-only tools for serving and checking the Images API contract. */

export type { ContractFetch, ContractFetchOptions, ContractViolation } from "./contract-fetch.js";
export { createContractFetch } from "./contract-fetch.js";
export type { Fault, FaultRule } from "./faults.js";
export { FAULT_HEADER, parseFaults } from "./faults.js";
export type { ServerLimits } from "./limits.js";
export type { Lifecycle } from "./model-traits.js";
export type { ServerMode } from "./policy.js";
export { SERVER_MODES } from "./policy.js";
export type { RateLimitOptions } from "./rate-limit.js";
export type { ImagesServer, ImagesServerOptions, RequestRecord, SpecViolation } from "./server.js";
export { startImagesServer } from "./server.js";
export type {
  SpecFileMarker,
  SpecIssue,
  SpecRequestInput,
  SpecResponseInput,
  SpecResult,
  SpecStreamEventInput,
  SpecValidator,
} from "./spec-validator.js";
export { createSpecValidator } from "./spec-validator.js";
export type { SvgUsageInput, UsageInput } from "./usage.js";
export { computeSvgUsage, computeUsage } from "./usage.js";
