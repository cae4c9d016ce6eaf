/* The JSON Web Token proof of Open Badges 3.0, with WebCrypto and no library.
 *
 * Open Badges Specification v3.0, section 8.2 "JSON Web Token Proof Format" (#jwt-proof):
 * - 8.2.3 Create the JOSE Header (#joseheader): "alg" MUST be "RS256"; "kid" is a URI that
 *   dereferences to the public JWK (we publish it on the site); "typ", if present, "JWT";
 *   no other header is allowed.
 * - 8.2.4 Create the JWT Payload: the OpenBadgeCredential itself, plus the claims
 *   iss = issuer.id, jti = id, nbf = validFrom (NumericDate), sub = credentialSubject.id,
 *   exp = validUntil when there is one.
 * - 8.2.5 Create the Proof (#jwt-signing): A = BASE64URL(UTF8(header)),
 *   B = BASE64URL(payload), C = A "." B, the RS256 signature of C (RFC 7515 §5.1, RFC 7518
 *   §3.3: RSASSA-PKCS1-v1_5 with SHA-256), E = BASE64URL(signature), the Compact JWS C "." E.
 * - 8.2.6 Verify a Credential (#jwt-verify) and 8.2.6.1 (#jwt-verify-credential): decode the
 *   header, get the key from "kid", check the signature (RFC 7515 §5.2), decode the payload,
 *   then check that iss, sub, jti and nbf match the credential and that validFrom has come.
 *
 * The private key is a CryptoKey made with extractable: false: this module never keeps it,
 * stores it or sends it anywhere; the caller drops it when the page is left. */

import { utf8, fromUtf8, b64url, unb64url } from "./b64.js";

export const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const PRIVATE = ["d", "p", "q", "dp", "dq", "qi", "oth"];
export const MAX_KEY_FILE = 20000;
export const MAX_JWS = 200000;

function subtle() {
  const s = globalThis.crypto && globalThis.crypto.subtle;
  if (!s) throw new Error("webcrypto");
  return s;
}

/** The public members of an RSA JWK, checked (never a private member). */
export function publicJwk(jwk) {
  if (!jwk || typeof jwk !== "object" || jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") throw new Error("jwk");
  if (PRIVATE.some((k) => k in jwk)) throw new Error("jwk-private");
  return { kty: "RSA", n: jwk.n, e: jwk.e };
}

export async function importPublic(jwk) {
  return subtle().importKey("jwk", { ...publicJwk(jwk), alg: "RS256", ext: true }, ALG, false, ["verify"]);
}

function pemBody(text) {
  const m = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(text);
  if (!m) return null;
  const bin = atob(m[1].replace(/\s+/g, ""));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A private key from the text of a file: PKCS#8 PEM ("BEGIN PRIVATE KEY", what `kit keys`
 * writes) or a private JWK. With `expected` (the site's public JWK), it must be its pair:
 * the key's public half (n, e) must be the published one. Returns a non-extractable key. */
export async function importPrivate(text, expected) {
  if (typeof text !== "string" || text.length > MAX_KEY_FILE) throw new Error("key-file");
  let jwk;
  const der = pemBody(text);
  if (der) {
    const tmp = await subtle().importKey("pkcs8", der, ALG, true, ["sign"]);
    jwk = await subtle().exportKey("jwk", tmp);
  } else {
    try {
      jwk = JSON.parse(text);
    } catch {
      throw new Error("key-file");
    }
    if (!jwk || jwk.kty !== "RSA" || typeof jwk.d !== "string") throw new Error("key-file");
  }
  if (expected && (jwk.n !== expected.n || jwk.e !== expected.e)) throw new Error("key-mismatch");
  const { kty, n, e, d, p, q, dp, dq, qi } = jwk;
  return subtle().importKey("jwk", { kty, n, e, d, p, q, dp, dq, qi, alg: "RS256", ext: false }, ALG, false, ["sign"]);
}

/** 8.2.4: the JWT Payload: the credential with its registered claims. */
export function payloadOf(credential) {
  const claims = {
    iss: typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    sub: credential.credentialSubject.id,
  };
  if (credential.validUntil) claims.exp = Math.floor(Date.parse(credential.validUntil) / 1000);
  return { ...credential, ...claims };
}

/** 8.2.3 + 8.2.5: the credential as a Compact JWS signed with `privateKey` (a CryptoKey). */
export async function sign(credential, privateKey, kid) {
  const header = { alg: "RS256", kid, typ: "JWT" };
  const a = b64url(utf8(JSON.stringify(header)));
  const b = b64url(utf8(JSON.stringify(payloadOf(credential))));
  const c = `${a}.${b}`;
  const signature = new Uint8Array(await subtle().sign(ALG, privateKey, utf8(c)));
  return `${c}.${b64url(signature)}`;
}

/** The three parts of a Compact JWS, decoded; throws if it is not one. */
export function parse(jws) {
  if (typeof jws !== "string" || jws.length > MAX_JWS) throw new Error("jws");
  const parts = jws.trim().split(".");
  if (parts.length !== 3) throw new Error("jws");
  const header = JSON.parse(fromUtf8(unb64url(parts[0])));
  const payload = JSON.parse(fromUtf8(unb64url(parts[1])));
  const signature = unb64url(parts[2]);
  if (!header || typeof header !== "object" || !payload || typeof payload !== "object" || Array.isArray(payload)) throw new Error("jws");
  return { header, payload, signature, input: `${parts[0]}.${parts[1]}` };
}

/** 8.2.6, steps 1-4: does the signature hold for the public key `jwk`? Only RS256 with
 * the headers of 8.2.3 is accepted (never "none", never a key carried by the token). */
export async function verifySignature(parsed, jwk) {
  const h = parsed.header;
  const known = ["alg", "kid", "typ", "jwk"];
  if (h.alg !== "RS256" || Object.keys(h).some((k) => !known.includes(k)) || (h.typ !== undefined && h.typ !== "JWT")) return false;
  const key = await importPublic(jwk);
  return subtle().verify(ALG, key, parsed.signature, utf8(parsed.input));
}

const same = (a, b) => typeof a === "string" && a === b;

/** 8.2.6.1: the claims against the credential; returns the name of the first that fails. */
export function claimProblem(payload, now = Date.now()) {
  const issuer = payload.issuer && typeof payload.issuer === "object" ? payload.issuer.id : payload.issuer;
  if (!same(payload.iss, issuer)) return "iss";
  if (!payload.credentialSubject || !same(payload.sub, payload.credentialSubject.id)) return "sub";
  if (!same(payload.jti, payload.id)) return "jti";
  const from = Date.parse(payload.validFrom);
  if (!Number.isInteger(payload.nbf) || Number.isNaN(from) || payload.nbf !== Math.floor(from / 1000)) return "nbf";
  if (payload.exp !== undefined) {
    const until = Date.parse(payload.validUntil);
    if (!Number.isInteger(payload.exp) || payload.exp !== Math.floor(until / 1000)) return "exp";
    if (until < now) return "expired";
  }
  if (from > now) return "not-yet";
  return null;
}

/** The credential inside a payload (the registered claims taken out). */
export function credentialOf(payload) {
  const { iss, jti, nbf, sub, exp, ...credential } = payload;
  return credential;
}
