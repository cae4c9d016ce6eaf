/* JANUS+ kit, feedback: responses in localStorage, checked again on every read.
 * A full or blocked storage is reported to the caller, never ignored. */

import { feedbackFile, validateFeedback } from "./format.js";

/** The storage key of this kit's own answers ("mine") or of the summary's imports ("summary"). */
export function storageKey(kit, kind) {
  return `janus-kit:feedback:${kind}:${kit}`;
}

/** The responses stored under `key` ([] when none, or when what is there does not check). */
export function readResponses(storage, key, defs) {
  try {
    const text = storage.getItem(key);
    if (!text) return [];
    const got = validateFeedback(JSON.parse(text), defs);
    return got.ok ? got.file.responses : [];
  } catch {
    return [];
  }
}

/** Store the responses; false when the browser refused. */
export function writeResponses(storage, key, kit, responses) {
  try {
    if (responses.length) storage.setItem(key, JSON.stringify(feedbackFile(kit, responses)));
    else storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
