/* Where records live on this device: localStorage, one key per trainee, or memory only
 * when the browser refuses storage (then the page says so and reminds before leaving).
 * Every save is checked first: its size against the limits, and its text against the
 * same validator that reads it back, so nothing is saved that the next visit rejects. */

import { isObj, own, isId, utf8Bytes } from "./util.js";
import { LIMITS, serialize, parseRecord, migrateV1 } from "./record.js";
import { mergeRecords } from "./merge.js";

export const BUDGET = 4500000; // characters: browsers keep about 5 million per site
const V1_PREFIX = "janus-kit:record:";

function safe(op) {
  try {
    return { ok: true, value: op() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** storage: window.localStorage (or a stand-in), or null to keep everything in memory. */
export function openStore(fw, storage, { kinds } = {}) {
  const prefix = `${fw.kit}:v2:`;
  const records = new Map();
  const sizes = new Map();
  const broken = [];
  let persistent = false;
  if (storage) {
    const probe = safe(() => {
      storage.setItem(`${prefix}probe`, "1");
      storage.removeItem(`${prefix}probe`);
    });
    persistent = probe.ok;
  }
  const store = {
    persistent,
    records,
    broken,
    settings: { device: "", rater: "", fixed: false, lang: "" },
    migrated: 0,
  };

  const allKeys = () => {
    const got = safe(() => Array.from({ length: storage.length }, (_, i) => storage.key(i)));
    return got.ok ? got.value.filter(Boolean) : [];
  };
  const read = (key) => {
    const got = safe(() => storage.getItem(key));
    return got.ok ? got.value : null;
  };

  /** Characters this kit uses in storage. */
  store.usage = () => {
    let n = 0;
    for (const size of sizes.values()) n += size;
    return n;
  };

  store.saveSettings = () => {
    if (!persistent) return { ok: true };
    const got = safe(() => storage.setItem(`${prefix}settings`, JSON.stringify(store.settings)));
    return got.ok ? { ok: true } : { ok: false, error: "full" };
  };

  /** Save one record: {ok, size} or {ok: false, error: "size" | "full" | "invalid", size}. */
  store.save = (rec) => {
    const text = serialize(fw, rec);
    const size = text.length;
    if (size > LIMITS.file) return { ok: false, error: "size", size, bytes: utf8Bytes(text) };
    const back = parseRecord(fw, text);
    if (!back.ok) return { ok: false, error: "invalid", size, where: back.where };
    const key = `${prefix}t:${rec.trainee.id}`;
    if (persistent) {
      const others = store.usage() - (sizes.get(key) || 0);
      if (others + size > BUDGET) return { ok: false, error: "full", size };
      const got = safe(() => storage.setItem(key, text));
      if (!got.ok) return { ok: false, error: "full", size };
    }
    sizes.set(key, size);
    records.set(rec.trainee.id, back.record);
    return { ok: true, size };
  };

  store.remove = (id) => {
    const key = `${prefix}t:${id}`;
    if (persistent && !safe(() => storage.removeItem(key)).ok) return false;
    sizes.delete(key);
    records.delete(id);
    return true;
  };

  /** Read what this device holds; version-1 records are turned into version 2. */
  store.load = () => {
    if (!persistent) return store;
    const saved = safe(() => JSON.parse(read(`${prefix}settings`) || "{}"));
    if (saved.ok && isObj(saved.value)) {
      const s = saved.value;
      if (isId(own(s, "device"), "d")) store.settings.device = s.device;
      if (fw.raters.includes(own(s, "rater"))) store.settings.rater = s.rater;
      store.settings.fixed = own(s, "fixed") === true && Boolean(store.settings.rater);
      if (typeof own(s, "lang") === "string" && /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$/.test(s.lang)) store.settings.lang = s.lang;
    }
    for (const key of allKeys()) {
      if (!key.startsWith(`${prefix}t:`)) continue;
      const text = read(key);
      const got = text === null ? { ok: false, error: "storage" } : parseRecord(fw, text);
      if (got.ok && key === `${prefix}t:${got.record.trainee.id}`) {
        records.set(got.record.trainee.id, got.record);
        sizes.set(key, text.length);
      } else {
        broken.push({ key, text: text || "", error: got.error, where: got.where });
        if (text) sizes.set(key, text.length);
      }
    }
    for (const key of allKeys()) {
      if (!key.startsWith(V1_PREFIX)) continue;
      const text = read(key);
      const parsed = safe(() => JSON.parse(text));
      const got = parsed.ok ? migrateV1(fw, parsed.value, { kinds }) : { ok: false, error: "syntax" };
      if (!got.ok) {
        broken.push({ key, text: text || "", error: got.error, where: got.where });
        continue;
      }
      const { record } = mergeRecords(fw, records.get(got.record.trainee.id) || null, got.record);
      if (store.save(record).ok && safe(() => storage.removeItem(key)).ok) store.migrated++;
    }
    return store;
  };
  return store;
}
