/* A badge as a link to the verification page, short enough for a QR code: in the fragment
 * (#z=..., which the browser never sends to a server), DEFLATE (RFC 1951, the browser's
 * CompressionStream) of the badge's JSON, base64url-encoded. A Compact JWS travels as its
 * decoded header and payload JSON (they compress far better than their base64url) and its
 * signature: base64url is canonical, so the reader rebuilds the very same JWS, byte for
 * byte, and checks it as it was signed. Reading a link is bounded: no zip bomb. */

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

const JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export async function toLink(base, text) {
  const jws = JWS.exec(text);
  const plain = jws ? `${fromUtf8(unb64url(jws[1]))}\n${fromUtf8(unb64url(jws[2]))}` : text;
  const packed = b64url(await pipe(utf8(plain), new CompressionStream("deflate-raw"), MAX_TEXT));
  return `${base.split("#")[0]}#z=${packed}${jws ? `.${jws[3]}` : ""}`;
}

/** The text a link (or a fragment, "#z=...") carries, or null when it carries none. */
export async function fromLink(input) {
  const m = /#z=([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\s*$/.exec(String(input || ""));
  if (!m) return null;
  const plain = fromUtf8(await pipe(unb64url(m[1]), new DecompressionStream("deflate-raw"), MAX_TEXT));
  if (!m[2]) return plain;
  const cut = plain.indexOf("\n");
  if (cut < 0) throw new Error("link");
  return `${b64url(utf8(plain.slice(0, cut)))}.${b64url(utf8(plain.slice(cut + 1)))}.${m[2]}`;
}
