/**
 * Images served by URL (`response_format: "url"`). Like the API's signed blob URLs they are
 * unguessable, need no API key, and expire (60 minutes by default); expired ones answer 403 as a
 * signed URL past its expiry does. The store is capped in entries and in bytes, so a long-running
 * server stays small.
 */
import { randomBytes } from "node:crypto";
import { FORMATS, type FormatName } from "../models/index.js";

interface Stored {
  bytes: Buffer;
  contentType: string;
  expires: number;
}

/** A stored image, or why there is none. */
export type Lookup =
  | { status: "ok"; bytes: Buffer; contentType: string }
  | { status: "expired" }
  | { status: "missing" };

/** The URL store of one server. */
export interface UrlStore {
  /** Stores an image; returns the path (`/files/<token>.<ext>?se=<expiry>`) to append to the origin. */
  put(bytes: Buffer, format: FormatName): string;
  get(token: string): Lookup;
  clear(): void;
}

/** The path prefix under which stored images are served. */
export const FILES_PREFIX = "/files/";

/**
 * @example
 * const store = createUrlStore({ ttlMs: 60_000, maxEntries: 100 });
 * const path = store.put(png, "png"); // "/files/3f…9a.png?se=2026-…"
 */
export function createUrlStore(options: {
  ttlMs: number;
  maxEntries: number;
  /** Total bytes of the stored images. @default unlimited */
  maxBytes?: number | undefined;
  now?: () => number;
}): UrlStore {
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const entries = new Map<string, Stored>();
  let bytesHeld = 0;
  const remove = (token: string) => {
    const entry = entries.get(token);
    if (!entry) return;
    bytesHeld -= entry.bytes.length;
    entries.delete(token);
  };
  return {
    put(bytes, format) {
      const token = randomBytes(18).toString("base64url");
      const expires = now() + options.ttlMs;
      entries.set(token, { bytes, contentType: FORMATS[format].mime, expires });
      bytesHeld += bytes.length;
      // Maps iterate in insertion order: the first keys are the oldest. The newest image always stays.
      while (entries.size > 1 && (entries.size > options.maxEntries || bytesHeld > maxBytes)) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        remove(oldest);
      }
      return `${FILES_PREFIX}${token}.${FORMATS[format].ext}?se=${encodeURIComponent(new Date(expires).toISOString())}`;
    },
    get(token) {
      const entry = entries.get(token);
      if (!entry) return { status: "missing" };
      if (now() >= entry.expires) {
        remove(token);
        return { status: "expired" };
      }
      return { status: "ok", bytes: entry.bytes, contentType: entry.contentType };
    },
    clear() {
      entries.clear();
      bytesHeld = 0;
    },
  };
}
