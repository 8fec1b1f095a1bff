/**
 * Base64 → bytes for any runtime: no Node `Buffer`, and no `atob`, whose binary string would double
 * the memory of a multi-megabyte image before the copy into bytes.
 */

const INVALID = 255;
const WHITESPACE = 254;

/** Both alphabets decode: the standard one (`+/`) and the URL-safe one (`-_`). */
const DECODE_TABLE = (() => {
  const table = new Uint8Array(256).fill(INVALID);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table["-".charCodeAt(0)] = 62;
  table["_".charCodeAt(0)] = 63;
  for (const ws of "\t\n\f\r ") table[ws.charCodeAt(0)] = WHITESPACE;
  return table;
})();

type FromBase64 = (input: string) => Uint8Array;

/** The built-in decoder (TC39 `Uint8Array.fromBase64`) where the runtime has it; it is native-fast. */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

/**
 * Decodes base64 (standard or URL-safe alphabet; padding optional; ASCII whitespace ignored).
 * Throws a `SyntaxError` naming the first bad character.
 */
export function decodeBase64(input: string): Uint8Array {
  if (nativeFromBase64 && !/[-_]/.test(input)) {
    try {
      return nativeFromBase64(input);
    } catch {
      // fall through to our decoder, which reports the position of the bad character
    }
  }
  let end = input.length;
  // Padding only says how the last group ends; the bit count below already knows.
  while (end > 0 && input.charCodeAt(end - 1) === 61 /* = */) end--;
  const out = new Uint8Array(Math.ceil((end * 3) / 4));
  let written = 0;
  let bits = 0;
  let bitCount = 0;
  for (let i = 0; i < end; i++) {
    const code = input.charCodeAt(i);
    const value = code < 256 ? (DECODE_TABLE[code] as number) : INVALID;
    if (value === WHITESPACE) continue;
    if (value === INVALID) {
      throw new SyntaxError(
        `Invalid base64: unexpected character ${JSON.stringify(input[i])} at position ${i}`,
      );
    }
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[written++] = (bits >> bitCount) & 0xff;
    }
  }
  if (bitCount >= 6) {
    // One leftover character (6 bits) cannot encode a byte: the input was cut short.
    throw new SyntaxError("Invalid base64: the input ends in the middle of a byte");
  }
  return written === out.length ? out : out.subarray(0, written);
}
