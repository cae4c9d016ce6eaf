/* A badge as a link to the verification page that a QR code can carry: the text (a Compact
 * JWS, or the JSON of an unsigned credential) compressed with DEFLATE (RFC 1951, the
 * browser's CompressionStream) and base64url-encoded in the fragment (#z=...), which the
 * browser never sends to the server. Reading a link is bounded: no zip bomb. */

import { utf8, fromUtf8, b64url, unb64url } from "./b64.js";

export const MAX_TEXT = 200000;

async function pipe(bytes, stream, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error("too-big");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) out.set(c, at), (at += c.length);
  return out;
}

export async function toLink(base, text) {
  const packed = await pipe(utf8(text), new CompressionStream("deflate-raw"), MAX_TEXT);
  return `${base.split("#")[0]}#z=${b64url(packed)}`;
}

/** The text a link (or a fragment, "#z=...") carries, or null when it carries none. */
export async function fromLink(input) {
  const m = /#z=([A-Za-z0-9_-]+)\s*$/.exec(String(input || ""));
  if (!m) return null;
  return fromUtf8(await pipe(unb64url(m[1]), new DecompressionStream("deflate-raw"), MAX_TEXT));
}
