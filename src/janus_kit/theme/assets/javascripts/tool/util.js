/* Small pure helpers: null-prototype maps, ids, clean text, dates and time stamps.
 * No DOM, no storage: these run the same in the browser and in Node's test runner. */

/** An object with no prototype: no key can reach Object.prototype. */
export function dict(entries) {
  const out = Object.create(null);
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}

export function isObj(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function own(obj, key) {
  return isObj(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/* Ids made by the tool: one letter (t trainee, c checkpoint, d device, a action), a hyphen,
 * then letters, digits, "_" or "-". No name of Object.prototype has that form. */
export const ID = /^[a-z]-[A-Za-z0-9_-]{3,60}$/;

export function isId(v, kind) {
  return typeof v === "string" && ID.test(v) && (kind === undefined || v[0] === kind);
}

const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I: easy to read aloud

export function randomCode(length) {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % 32]).join("");
}

export function newId(kind) {
  return `${kind}-${randomCode(12).toLowerCase()}`;
}

/** A short code people can read out, derived from any text (FNV-1a, base 32). */
export function shortCode(text, length = 4) {
  let hash = 0x811c9dc5;
  for (const ch of String(text)) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let out = "";
  for (let i = 0; i < length; i++) {
    out += ALPHABET[hash % 32];
    hash = Math.floor(hash / 32) ^ Math.imul(hash, 31);
    hash >>>= 0;
  }
  return out;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/;
const CONTROL_LINE = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** One line of text (a name, a code, a label), trimmed, inner spaces collapsed; null if bad. */
export function cleanLine(v, max) {
  if (typeof v !== "string" || CONTROL_LINE.test(v)) return null;
  const text = v.trim().replace(/\s+/g, " ");
  return text.length <= max ? text : null;
}

/** Several lines (a note): tabs and new lines allowed, other control characters not. */
export function cleanText(v, max) {
  if (typeof v !== "string" || CONTROL.test(v)) return null;
  const text = v.replace(/\r\n?/g, "\n").trim();
  return text.length <= max ? text : null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date "YYYY-MM-DD" that exists. */
export function isDate(v) {
  const m = typeof v === "string" && DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A moment, as made by stamp(): UTC, milliseconds, sortable as text. */
export function isStamp(v) {
  return typeof v === "string" && STAMP.test(v) && !Number.isNaN(Date.parse(v));
}

let last = 0;

/** Now, as a stamp that is later than every stamp made before on this page and than `after`. */
export function stamp(after) {
  let t = Date.now();
  if (t <= last) t = last + 1;
  const floor = after ? Date.parse(after) : NaN;
  if (!Number.isNaN(floor) && t <= floor) t = floor + 1;
  last = t;
  return new Date(t).toISOString();
}

/** Today's date on this device, "YYYY-MM-DD". */
export function today(now = new Date()) {
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

export function laterOf(a, b) {
  if (!a) return b || "";
  if (!b) return a;
  return a > b ? a : b;
}

/** A deep copy of plain data (null-prototype objects stay null-prototype). */
export function copy(v) {
  if (Array.isArray(v)) return v.map(copy);
  if (isObj(v)) return dict(Object.keys(v).map((k) => [k, copy(v[k])]));
  return v;
}

/** Length of a text in UTF-8 bytes (what a file of it weighs). */
export function utf8Bytes(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) (n += 4), i++;
    else n += 3;
  }
  return n;
}
