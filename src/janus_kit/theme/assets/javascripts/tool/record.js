/* The record of one trainee: who they are, their checkpoints, every rater's ratings and
 * notes, and the review of each checkpoint. One JSON shape is saved, exported and
 * imported (schema 2, published as assets/schemas/record.schema.json); the same
 * validator reads what is loaded, imported and about to be saved.
 *
 * A value that people change carries a stamp: {value, at, device[, decided]}: when it was
 * set, on which device, and (after a conflict was settled) the latest stamp it was chosen
 * over. merge.js reads these to apply newer ratings and find real conflicts. */

import { dict, isObj, own, isId, newId, randomCode, shortCode, cleanLine, cleanText, isDate, isStamp, stamp, copy, laterOf } from "./util.js";
import { raterLevel, suggestedLevel } from "./levels.js";
import { evaluateFlags } from "./flags.js";

export const FORMAT = "janus-kit-record";
export const SCHEMA = 2;
export const LIMITS = {
  file: 1000000, // bytes in one imported record file (and chars in one saved record)
  backup: 8000000, // bytes in one backup file
  code: 12,
  name: 80,
  centre: 80,
  label: 60,
  note: 4000, // what a file may hold (version-1 notes were long)
  noteInput: 500, // what the form lets people type: the printed record stays short
  action: 300,
  who: 80,
  checkpoints: 60,
  actions: 30,
  aliases: 50,
};

// --- making and reading records ------------------------------------------------------

export function newTrainee({ code, name = "", centre = "" } = {}) {
  const id = newId("t");
  return {
    format: FORMAT,
    schema: SCHEMA,
    trainee: { id, code: code || randomCode(4), name, centre, at: stamp(), aliases: [] },
    checkpoints: [],
    ratings: dict(),
  };
}

export function newCheckpoint(kind, date, id = newId("c")) {
  return { id, kind, date, label: "", at: stamp(), locked: null, review: emptyReview() };
}

export function emptyReview() {
  return { agreed: dict(), actions: [], next: null };
}

const byDate = (a, b) => (a.date && b.date ? a.date.localeCompare(b.date) : !a.date - !b.date) || a.at.localeCompare(b.at);

/** Checkpoints that are not deleted or merged, in date order. */
export function liveCheckpoints(rec) {
  return rec.checkpoints.filter((c) => !c.gone).sort(byDate);
}

/** The live checkpoint an id stands for (a merged one leads to the one it went into). */
export function resolveCheckpoint(rec, id) {
  for (let hops = 0, cur = id; hops <= rec.checkpoints.length; hops++) {
    const cp = rec.checkpoints.find((c) => c.id === cur);
    if (!cp) return null;
    if (!cp.gone) return cp;
    if (cp.gone !== "merged") return null;
    cur = cp.into;
  }
  return null;
}

export function checkpointOf(rec, id) {
  const cp = rec.checkpoints.find((c) => c.id === id);
  return cp && !cp.gone ? cp : null;
}

export function previousCheckpoint(rec, id) {
  const live = liveCheckpoints(rec);
  const at = live.findIndex((c) => c.id === id);
  return at > 0 ? live[at - 1] : null;
}

export function entryOf(rec, cp, rater, skill) {
  return own(own(own(rec.ratings, cp), rater), skill);
}

export function ensureEntry(fw, rec, cp, rater, skill) {
  const byCp = own(rec.ratings, cp) || (rec.ratings[cp] = dict());
  const byRater = own(byCp, rater) || (byCp[rater] = dict());
  return own(byRater, skill) || (byRater[skill] = { indicators: Array(fw.skills.get(skill).indicators.length).fill(null), note: null });
}

export const valuesOf = (entry) => (entry ? entry.indicators.map((s) => (s ? s.value : null)) : []);

/** A new stamped value; it was chosen over the old one, so it records that (decided). */
function put(old, value, device) {
  const out = { value, at: stamp(old && old.at), device };
  const decided = old ? laterOf(old.decided, old.at) : "";
  if (decided) out.decided = decided;
  return out;
}

export function setRating(fw, rec, cp, rater, skill, index, value, device) {
  const entry = ensureEntry(fw, rec, cp, rater, skill);
  entry.indicators[index] = put(entry.indicators[index], value, device);
}

export function setNote(fw, rec, cp, rater, skill, text, device) {
  const entry = ensureEntry(fw, rec, cp, rater, skill);
  if ((entry.note ? entry.note.value : "") === text) return;
  entry.note = put(entry.note, text, device);
}

/** How many of the indicators this rater rated at this checkpoint. */
export function progress(fw, rec, cp, rater) {
  let rated = 0;
  for (const id of fw.skillIds) rated += valuesOf(entryOf(rec, cp, rater, id)).filter((v) => v !== null).length;
  return { rated, total: fw.total };
}

export function skillProgress(fw, rec, cp, rater, skill) {
  const values = valuesOf(entryOf(rec, cp, rater, skill));
  return { rated: values.filter((v) => v !== null).length, total: fw.skills.get(skill).indicators.length };
}

/** Map rater -> level of one skill at one checkpoint (raters who rated nothing left out). */
export function levelsAt(fw, rec, cp, skill) {
  const out = new Map();
  for (const rater of fw.raters) {
    const lv = raterLevel(fw, valuesOf(entryOf(rec, cp, rater, skill)));
    if (lv !== undefined) out.set(rater, lv);
  }
  return out;
}

/** {value, final}: the level agreed at the review, else the suggested one (final false). */
export function agreedAt(fw, rec, cpId, skill) {
  const cp = checkpointOf(rec, cpId);
  const set = cp && own(cp.review.agreed, skill);
  if (set) return { value: set.value, final: true, suggested: suggestedLevel(fw, levelsAt(fw, rec, cpId, skill)) };
  const suggested = suggestedLevel(fw, levelsAt(fw, rec, cpId, skill));
  return { value: suggested, final: false, suggested };
}

/** Flags of one skill at one checkpoint, with the numbers behind each. */
export function flagsAt(fw, rec, cpId, skill) {
  const before = previousCheckpoint(rec, cpId);
  return evaluateFlags(fw, {
    levels: levelsAt(fw, rec, cpId, skill),
    agreed: agreedAt(fw, rec, cpId, skill).value,
    previous: before ? agreedAt(fw, rec, before.id, skill).value : undefined,
  });
}

export function displayName(rec) {
  return rec.trainee.name || rec.trainee.code;
}

// --- the review -------------------------------------------------------------------------

export function setAgreed(rec, cpId, skill, value, device) {
  const cp = checkpointOf(rec, cpId);
  if (value === null) delete cp.review.agreed[skill];
  else cp.review.agreed[skill] = put(own(cp.review.agreed, skill), value, device);
  cp.at = stamp(cp.at);
}

export function setNext(rec, cpId, date, device) {
  const cp = checkpointOf(rec, cpId);
  cp.review.next = date ? put(cp.review.next, date, device) : null;
  cp.at = stamp(cp.at);
}

export function addAction(rec, cpId, { skill, text, due, who }, device) {
  const cp = checkpointOf(rec, cpId);
  const action = { id: newId("a"), skill, text, due, who, at: stamp(), device };
  cp.review.actions.push(action);
  return action;
}

export function removeAction(rec, cpId, id, device) {
  const cp = checkpointOf(rec, cpId);
  const action = cp.review.actions.find((a) => a.id === id);
  if (action) Object.assign(action, { gone: true, text: "", who: "", at: stamp(action.at), device });
}

export function setLocked(rec, cpId, locked, device) {
  const cp = checkpointOf(rec, cpId);
  cp.locked = put(cp.locked, locked, device);
}

export const isLocked = (cp) => Boolean(cp && cp.locked && cp.locked.value);

// --- checking -------------------------------------------------------------------------

class Bad {
  constructor(where) {
    this.where = where;
  }
}
function need(ok, ...where) {
  if (!ok) throw new Bad(where);
}
function keys(obj, allowed, required, where) {
  need(isObj(obj), ...where);
  const found = Object.keys(obj);
  for (const k of found) need(allowed.includes(k), ...where, k);
  for (const k of required) need(found.includes(k), ...where, k);
  return found;
}
function line(v, max, where, { empty = true } = {}) {
  const text = cleanLine(v, max);
  need(text !== null && (empty || text !== ""), ...where);
  return text;
}
function readStamp(v, check, where) {
  keys(v, ["value", "at", "device", "decided"], ["value", "at", "device"], where);
  need(isStamp(v.at), ...where, "at");
  need(isId(v.device, "d"), ...where, "device");
  const out = { value: check(v.value, [...where, "value"]), at: v.at, device: v.device };
  if (own(v, "decided") !== undefined) {
    need(isStamp(v.decided), ...where, "decided");
    out.decided = v.decided;
  }
  return out;
}
const readDate = (v, where) => (need(v === "" || isDate(v), ...where), v);
const readDay = (v, where) => (need(isDate(v), ...where), v);

function readReview(fw, v, where) {
  keys(v, ["agreed", "actions", "next"], ["agreed", "actions"], where);
  const agreed = dict();
  for (const skill of keys(v.agreed, fw.skillIds, [], [...where, "agreed"])) {
    agreed[skill] = readStamp(v.agreed[skill], (x, w) => (need(fw.isValue(x), ...w), x), [...where, "agreed", skill]);
  }
  need(Array.isArray(v.actions) && v.actions.length <= LIMITS.actions * 2, ...where, "actions");
  const ids = new Set();
  const actions = v.actions.map((a, i) => {
    const at = [...where, "actions", i];
    keys(a, ["id", "skill", "text", "due", "who", "at", "device", "gone"], ["id", "skill", "text", "due", "who", "at", "device"], at);
    need(isId(a.id, "a") && !ids.has(a.id), ...at, "id");
    ids.add(a.id);
    need(a.skill === "" || fw.isSkill(a.skill), ...at, "skill");
    need(isStamp(a.at), ...at, "at");
    need(isId(a.device, "d"), ...at, "device");
    const out = { id: a.id, skill: a.skill, text: line(a.text, LIMITS.action, [...at, "text"]), due: readDate(a.due, [...at, "due"]), who: line(a.who, LIMITS.who, [...at, "who"]), at: a.at, device: a.device };
    if (own(a, "gone") !== undefined) {
      need(a.gone === true, ...at, "gone");
      out.gone = true;
    }
    return out;
  });
  const next = own(v, "next") == null ? null : readStamp(v.next, readDay, [...where, "next"]);
  return { agreed, actions, next };
}

function readCheckpoint(fw, v, where) {
  need(isObj(v), ...where);
  need(isId(v.id, "c"), ...where, "id");
  need(isStamp(v.at), ...where, "at");
  if (own(v, "gone") !== undefined) {
    need(v.gone === "merged" || v.gone === "deleted", ...where, "gone");
    if (v.gone === "merged") {
      keys(v, ["id", "gone", "into", "at"], ["into"], where);
      need(isId(v.into, "c") && v.into !== v.id, ...where, "into");
      return { id: v.id, gone: "merged", into: v.into, at: v.at };
    }
    keys(v, ["id", "gone", "at"], [], where);
    return { id: v.id, gone: "deleted", at: v.at };
  }
  keys(v, ["id", "kind", "date", "label", "at", "locked", "review"], ["kind", "date", "label"], where);
  need(fw.kinds.includes(v.kind), ...where, "kind");
  return {
    id: v.id,
    kind: v.kind,
    date: readDate(v.date, [...where, "date"]),
    label: line(v.label, LIMITS.label, [...where, "label"]),
    at: v.at,
    locked: own(v, "locked") == null ? null : readStamp(v.locked, (x, w) => (need(typeof x === "boolean", ...w), x), [...where, "locked"]),
    review: own(v, "review") == null ? emptyReview() : readReview(fw, v.review, [...where, "review"]),
  };
}

function readEntry(fw, skill, v, where) {
  keys(v, ["indicators", "note"], ["indicators"], where);
  const count = fw.skills.get(skill).indicators.length;
  need(Array.isArray(v.indicators) && v.indicators.length <= count, ...where, "indicators");
  const indicators = Array.from({ length: count }, (_, i) => {
    const s = v.indicators[i];
    return s == null ? null : readStamp(s, (x, w) => (need(fw.isValue(x), ...w), x), [...where, "indicators", i]);
  });
  const note = own(v, "note") == null ? null : readStamp(v.note, (x, w) => {
    const text = cleanText(x, LIMITS.note);
    need(text !== null, ...w);
    return text;
  }, [...where, "note"]);
  return { indicators, note };
}

function readTrainee(v) {
  const where = ["trainee"];
  keys(v, ["id", "code", "name", "centre", "at", "aliases"], ["id", "code", "name", "centre", "at"], where);
  need(isId(v.id, "t"), ...where, "id");
  need(isStamp(v.at), ...where, "at");
  const aliases = own(v, "aliases") === undefined ? [] : v.aliases;
  need(Array.isArray(aliases) && aliases.length <= LIMITS.aliases, ...where, "aliases");
  aliases.forEach((a, i) => need(isId(a, "t") && a !== v.id, ...where, "aliases", i));
  return {
    id: v.id,
    code: line(v.code, LIMITS.code, [...where, "code"], { empty: false }),
    name: line(v.name, LIMITS.name, [...where, "name"]),
    centre: line(v.centre, LIMITS.centre, [...where, "centre"]),
    at: v.at,
    aliases: [...new Set(aliases)],
  };
}

const explain = (e) => ({ ok: false, error: "content", where: (e.where || []).map((w) => String(w).slice(0, 40)) });

/** Check a record (parsed JSON) fully: {ok, record: a clean copy} or {ok: false, error, where}.
 * Errors: "foreign" (not a record), "version" (another schema), "kit" (another kit), "content". */
export function validateRecord(fw, data) {
  if (!isObj(data) || own(data, "format") !== FORMAT) return { ok: false, error: "foreign" };
  if (own(data, "schema") !== SCHEMA) return { ok: false, error: "version", version: String(own(data, "schema")).slice(0, 20) };
  try {
    keys(data, ["format", "schema", "kit", "trainee", "checkpoints", "ratings"], ["kit", "trainee", "checkpoints", "ratings"], []);
    if (data.kit !== fw.kit) return { ok: false, error: "kit" };
    const trainee = readTrainee(data.trainee);
    need(Array.isArray(data.checkpoints) && data.checkpoints.length <= LIMITS.checkpoints * 2, "checkpoints");
    const checkpoints = data.checkpoints.map((c, i) => readCheckpoint(fw, c, ["checkpoints", i]));
    const ids = checkpoints.map((c) => c.id);
    need(new Set(ids).size === ids.length, "checkpoints");
    need(checkpoints.filter((c) => !c.gone).length <= LIMITS.checkpoints, "checkpoints");
    const live = checkpoints.filter((c) => !c.gone).map((c) => c.id);
    for (const c of checkpoints) if (c.gone === "merged") need(ids.includes(c.into), "checkpoints", ids.indexOf(c.id), "into");
    const ratings = dict();
    for (const cp of keys(data.ratings, live, [], ["ratings"])) {
      ratings[cp] = dict();
      for (const rater of keys(data.ratings[cp], fw.raters, [], ["ratings", cp])) {
        ratings[cp][rater] = dict();
        for (const skill of keys(data.ratings[cp][rater], fw.skillIds, [], ["ratings", cp, rater])) {
          ratings[cp][rater][skill] = readEntry(fw, skill, data.ratings[cp][rater][skill], ["ratings", cp, rater, skill]);
        }
      }
    }
    const rec = { format: FORMAT, schema: SCHEMA, trainee, checkpoints, ratings };
    for (const c of checkpoints) if (c.gone === "merged") need(resolveCheckpoint(rec, c.id), "checkpoints", ids.indexOf(c.id), "into");
    return { ok: true, record: rec };
  } catch (e) {
    if (e instanceof Bad) return explain(e);
    throw e;
  }
}

/** The record as saved and exported (kit id added, checkpoints in date order). */
export function toData(fw, rec) {
  const live = liveCheckpoints(rec);
  const gone = rec.checkpoints.filter((c) => c.gone);
  return { format: FORMAT, schema: SCHEMA, kit: fw.kit, trainee: rec.trainee, checkpoints: [...live, ...gone], ratings: rec.ratings };
}

export function serialize(fw, rec, space) {
  return JSON.stringify(toData(fw, rec), null, space);
}

/** Parse the text of a record; errors also "size" and "syntax". */
export function parseRecord(fw, text) {
  if (text.length > LIMITS.file) return { ok: false, error: "size" };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: "syntax" };
  }
  return validateRecord(fw, data);
}

// --- version 1 --------------------------------------------------------------------------

const V1_ID = /^[A-Za-z0-9_-]{1,55}$/;
const V1_DEVICE = "d-version1";

/** Read a file of version 1 (one trainee by name, checkpoints by name and date, ratings
 * without time) as a version-2 record. Ids come from the version-1 checkpoint ids, which
 * were random and made once, so the same file always gives the same record; the trainee's
 * name becomes the name, and a code is made from the ids. `kinds` maps the checkpoint
 * names of every language to their kind. */
export function migrateV1(fw, data, { kinds = {}, now = stamp() } = {}) {
  if (!isObj(data) || own(data, "format") !== FORMAT || own(data, "schema") !== 1) return { ok: false, error: "foreign" };
  try {
    keys(data, ["format", "schema", "trainee", "checkpoints", "ratings"], ["trainee", "checkpoints", "ratings"], []);
    const name = line(data.trainee, LIMITS.name, ["trainee"], { empty: false });
    need(Array.isArray(data.checkpoints) && data.checkpoints.length <= LIMITS.checkpoints, "checkpoints");
    const ids = new Map();
    const checkpoints = data.checkpoints.map((c, i) => {
      const at = ["checkpoints", i];
      keys(c, ["id", "name", "date"], ["id", "name", "date"], at);
      need(typeof c.id === "string" && V1_ID.test(c.id) && !ids.has(c.id), ...at, "id");
      const label = line(c.name, 200, [...at, "name"]);
      readDate(c.date, [...at, "date"]);
      const kind = Object.prototype.hasOwnProperty.call(kinds, label) ? kinds[label] : null;
      const id = `c-v1-${c.id}`;
      ids.set(c.id, id);
      return { id, kind: kind || (i === 0 ? fw.kinds[0] : fw.kinds[Math.min(1, fw.kinds.length - 1)]), date: c.date, label: kind ? "" : label.slice(0, LIMITS.label), at: now, locked: null, review: emptyReview() };
    });
    const ratings = dict();
    for (const old of keys(data.ratings, [...ids.keys()], [], ["ratings"])) {
      const cp = (ratings[ids.get(old)] = dict());
      for (const rater of keys(data.ratings[old], fw.raters, [], ["ratings", old])) {
        cp[rater] = dict();
        for (const skill of keys(data.ratings[old][rater], fw.skillIds, [], ["ratings", old, rater])) {
          const where = ["ratings", old, rater, skill];
          const e = data.ratings[old][rater][skill];
          keys(e, ["indicators", "evidence"], ["indicators"], where);
          const count = fw.skills.get(skill).indicators.length;
          need(Array.isArray(e.indicators) && e.indicators.length <= count, ...where, "indicators");
          const indicators = Array.from({ length: count }, (_, i) => {
            const v = e.indicators[i];
            need(v == null || fw.isValue(v), ...where, "indicators", i);
            return v == null ? null : { value: v, at: now, device: V1_DEVICE };
          });
          const evidence = own(e, "evidence") == null ? "" : cleanText(e.evidence, LIMITS.note);
          need(evidence !== null, ...where, "evidence");
          cp[rater][skill] = { indicators, note: evidence ? { value: evidence, at: now, device: V1_DEVICE } : null };
        }
      }
    }
    const seed = [...ids.keys()].sort()[0] || name;
    const id = `t-v1-${shortCode(seed, 10).toLowerCase()}`;
    const trainee = { id, code: shortCode(id), name, centre: "", at: now, aliases: [] };
    return { ok: true, record: { format: FORMAT, schema: SCHEMA, trainee, checkpoints, ratings } };
  } catch (e) {
    if (e instanceof Bad) return explain(e);
    throw e;
  }
}

export const cloneRecord = (rec) => copy(rec);
