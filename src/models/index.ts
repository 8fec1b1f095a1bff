/** Model rules: the declarations, the model table, the validator, request plans and per-model types. */

export {
  DEFAULT_OUTPUT_FORMAT,
  FORMATS,
  type FormatInfo,
  type FormatName,
  formatInfo,
  type OutputTraits,
  type StreamableFormat,
} from "./formats.js";
export {
  OPERATION_NAMES,
  OPERATIONS,
  type Operation,
  type OperationInfo,
  type Retirement,
} from "./operations.js";
export {
  DEFAULTABLE_PARAMS,
  PARAMETERS,
  type ParamInfo,
  type ParamKind,
  type ParamName,
  RULED_PARAMS,
  type RuledParam,
  SVG_EFFORTS,
} from "./parameters.js";
export type {
  EditParams,
  GenerateParams,
  KnownEditParams,
  KnownGenerateParams,
  KnownVariationParams,
  ModelsFor,
  UnknownModelEditParams,
  UnknownModelGenerateParams,
  UnknownModelVariationParams,
  VariationParams,
} from "./params.js";
export {
  type DefaultParams,
  type ModelDefaults,
  type PlanSettings,
  planRequest,
  type RequestPlan,
} from "./plan.js";
export {
  type CustomSizeRule,
  DEFAULT_MODELS,
  type IntRange,
  isKnownModel,
  KNOWN_MODELS,
  MODEL_RULES,
  type ModelRules,
  type ModelRulesTable,
  modelsFor,
  type OperationRules,
  retirementOf,
  rulesFor,
  type SizeRule,
  UNSTATED,
  type Unstated,
  type UploadRule,
} from "./rules.js";
export type { ImageInfo } from "./validate.js";
export {
  createWarningReporter,
  type EnforceOptions,
  enforceValidation,
  type RequestImages,
  type ResolvedModel,
  resolveModel,
  type ValidationContext,
  type ValidationMode,
  validateRequest,
  validateResolved,
} from "./validate.js";
