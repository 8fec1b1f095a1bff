/** `openai-images/server`: Node-only tools for serving and checking the Images API contract. */

export type { ContractFetch, ContractFetchOptions, ContractViolation } from "./contract-fetch.js";
export { createContractFetch } from "./contract-fetch.js";
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
