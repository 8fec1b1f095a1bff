/**
 * The one rule for a missing API key, shared by the clients and the CLI: OpenAI's API refuses a
 * request without a key, so sending one there is refused before the network; any other server (the
 * local one, a proxy, an OpenAI-compatible server) gets the request without `Authorization`. The
 * local server answers that with a 401 as OpenAI's API does, and takes any non-empty key.
 */
/** OpenAI's API: requests to this origin need a key and follow OpenAI's model lifecycle. */
export const OPENAI_ORIGIN = "https://api.openai.com";

/** Whether `baseUrl` is OpenAI's API. */
export function isOpenAI(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).origin === OPENAI_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Why a request to OpenAI's API without a key is refused (as an `ImagesValidationError` for
 * `apiKey`, thrown before anything is sent), and what to do instead.
 */
export const NO_KEY_MESSAGE =
  "no API key: set OPENAI_API_KEY, or point OPENAI_BASE_URL at the local server (npx openai-images serve) with any key";
