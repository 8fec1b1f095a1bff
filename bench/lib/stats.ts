/** Small statistics and formatting helpers shared by every measure. */

/** Median of a non-empty sample (mean of the two middle values for even sizes). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty sample");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** `min–max` of a sample, for the detail section (spread tells whether a median can be trusted). */
export function spread(values: readonly number[], digits = 1): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

export const MiB = 1024 * 1024;

/** Bytes as MB (MiB) with one decimal, or more where a threshold is close. */
export function mb(bytes: number, digits = 1): string {
  return `${(bytes / MiB).toFixed(digits)} MB`;
}

/** Bytes as kB with one decimal (bundle sizes). */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

/** A ratio as `0.23×`. */
export function ratio(ours: number, sdk: number): string {
  return sdk === 0 ? "n/a" : `${(ours / sdk).toFixed(2)}×`;
}
