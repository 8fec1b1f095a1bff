/** Model rules: the table, the validator, model-aware defaults and per-model parameter types. */

export { applyDefaults, type DefaultParams, type DefaultsConfig, type ModelDefaults } from "./defaults.js";
export { renderModelRulesMarkdown } from "./doc.js";
export type { ImageInfo } from "./image-info-type.js";
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
export { effectiveModel, type ModelResolution, type ModelSource } from "./resolve.js";
export {
  API_DEFAULTS,
  type CustomSizeRule,
  type ImageRule,
  type IntRange,
  isKnownModel,
  KNOWN_MODELS,
  type MaskRule,
  MODEL_RULES,
  type ModelFamily,
  type ModelRules,
  type ModelRulesTable,
  modelsFor,
  type Operation,
  type OperationRules,
  rulesFor,
} from "./rules.js";
export {
  createWarningReporter,
  type EnforceOptions,
  enforceValidation,
  type RequestImages,
  type ValidationMode,
  validateRequest,
} from "./validate.js";
