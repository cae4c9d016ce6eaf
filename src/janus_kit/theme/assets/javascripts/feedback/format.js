/* JANUS+ kit, feedback: the export file format, checked in full before anything is stored.
 * Plain ES module with named exports only (the modules can be concatenated into one file).
 * A file: {format, schema, kit, responses: [{id, questionnaire, about, date, lang, answers}]}. */

export const FEEDBACK_FORMAT = "janus-kit-feedback";
export const FEEDBACK_SCHEMA = 1;
export const FEEDBACK_MAX_BYTES = 1 << 20;
export const FEEDBACK_MAX_RESPONSES = 5000;
export const FEEDBACK_FORBIDDEN = ["__proto__", "constructor", "prototype"];

const FEEDBACK_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FEEDBACK_LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$/;
const FEEDBACK_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The questionnaires of a page's data as lookups: {kit, questionnaires: Map, skills: Set, raters: Set}. */
export function definitionsOf(data) {
  const questionnaires = new Map();
  for (const qn of data.questionnaires || []) {
    questionnaires.set(qn.id, { ...qn, byId: new Map(qn.questions.map((q) => [q.id, q])) });
  }
  return {
    kit: data.kit,
    questionnaires,
    skills: (data.abouts?.skill || []).map((s) => s.id),
    raters: (data.abouts?.rater || []).map((r) => r.id),
  };
}

/** The questions of a questionnaire that the person answering (`about`) sees. */
export function questionsFor(qn, about) {
  return qn.questions.filter((q) => qn.about !== "rater" || !q.raters.length || q.raters.includes(about));
}

export const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isSafeId = (v) => typeof v === "string" && FEEDBACK_ID.test(v) && !FEEDBACK_FORBIDDEN.includes(v);

/** A date as YYYY-MM-DD that exists (or ""). */
export function isIsoDate(s) {
  if (s === "") return true;
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

class FeedbackBad {
  constructor(where) {
    this.where = where;
  }
}
function feedbackNeed(ok, ...where) {
  if (!ok) throw new FeedbackBad(where);
}
/** Own keys of an object, each one allowed and none a prototype name. */
function feedbackKeys(obj, allowed, where) {
  feedbackNeed(isPlainObject(obj), ...where);
  const keys = Object.keys(obj);
  for (const k of keys) feedbackNeed(!FEEDBACK_FORBIDDEN.includes(k) && allowed.includes(k), ...where, k);
  return keys;
}

/** One answer, checked against its question; returns the clean value or undefined (empty text). */
export function cleanAnswer(q, value) {
  switch (q.type) {
    case "scale":
    case "choice":
      return q.options.some((o) => o.value === value) ? value : null;
    case "number":
      return Number.isInteger(value) && value >= q.min && value <= q.max ? value : null;
    case "text": {
      if (typeof value !== "string" || value.length > q.max_length || FEEDBACK_CONTROL.test(value)) return null;
      const text = value.trim();
      return text === "" ? undefined : text;
    }
    default:
      return null;
  }
}

/** One response, checked in full: a clean copy, or a FeedbackBad thrown with its place. */
function cleanResponse(r, defs, at) {
  feedbackKeys(r, ["id", "questionnaire", "about", "date", "lang", "answers"], at);
  feedbackNeed(isSafeId(r.id), ...at, "id");
  const qn = typeof r.questionnaire === "string" && !FEEDBACK_FORBIDDEN.includes(r.questionnaire)
    ? defs.questionnaires.get(r.questionnaire) : undefined;
  feedbackNeed(qn !== undefined, ...at, "questionnaire");
  if (qn.about === "skill") feedbackNeed(defs.skills.includes(r.about), ...at, "about");
  else if (qn.about === "rater") feedbackNeed(defs.raters.includes(r.about), ...at, "about");
  else feedbackNeed(r.about === null || r.about === undefined, ...at, "about");
  feedbackNeed(isIsoDate(r.date ?? ""), ...at, "date");
  feedbackNeed(r.lang === undefined || (typeof r.lang === "string" && FEEDBACK_LANG.test(r.lang)), ...at, "lang");
  const allowed = questionsFor(qn, r.about);
  const answers = {};
  for (const key of feedbackKeys(r.answers, allowed.map((q) => q.id), [...at, "answers"])) {
    const value = cleanAnswer(qn.byId.get(key), r.answers[key]);
    feedbackNeed(value !== null, ...at, "answers", key);
    if (value !== undefined) answers[key] = value;
  }
  return {
    id: r.id, questionnaire: qn.id, about: qn.about ? r.about : null, date: r.date ?? "", lang: r.lang ?? "", answers,
  };
}

/** Check a parsed file fully: {ok: true, file} or {ok: false, error: foreign|version|kit|content, ...}. */
export function validateFeedback(data, defs) {
  if (!isPlainObject(data) || data.format !== FEEDBACK_FORMAT) return { ok: false, error: "foreign" };
  if (data.schema !== FEEDBACK_SCHEMA) return { ok: false, error: "version", version: String(data.schema).slice(0, 20) };
  if (data.kit !== defs.kit) return { ok: false, error: "kit", kit: String(data.kit).slice(0, 60) };
  try {
    feedbackKeys(data, ["format", "schema", "kit", "responses"], []);
    feedbackNeed(Array.isArray(data.responses) && data.responses.length <= FEEDBACK_MAX_RESPONSES, "responses");
    const seen = new Set();
    const responses = data.responses.map((r, i) => {
      const clean = cleanResponse(r, defs, ["responses", i]);
      feedbackNeed(!seen.has(clean.id), "responses", i, "id");
      seen.add(clean.id);
      return clean;
    });
    return { ok: true, file: { format: FEEDBACK_FORMAT, schema: FEEDBACK_SCHEMA, kit: defs.kit, responses } };
  } catch (e) {
    if (!(e instanceof FeedbackBad)) throw e;
    return { ok: false, error: "content", where: e.where.map((w) => String(w).slice(0, 40)).join(" \u203a ") };
  }
}

/** Parse and check a file's text; errors also "size" and "syntax". */
export function parseFeedback(text, size, defs) {
  if (size > FEEDBACK_MAX_BYTES || text.length > FEEDBACK_MAX_BYTES) return { ok: false, error: "size" };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: "syntax" };
  }
  return validateFeedback(data, defs);
}

/** A file holding these responses, ready for JSON.stringify. */
export function feedbackFile(kit, responses) {
  return { format: FEEDBACK_FORMAT, schema: FEEDBACK_SCHEMA, kit, responses };
}

/** Add `incoming` responses to `target` (an array, changed in place). The same response
 * (same id) counts once: a later or equal date replaces it, an identical one is "same". */
export function mergeFeedback(target, incoming) {
  const index = new Map(target.map((r, i) => [r.id, i]));
  const counts = { added: 0, updated: 0, same: 0 };
  for (const r of incoming) {
    const at = index.get(r.id);
    if (at === undefined) {
      index.set(r.id, target.length);
      target.push(r);
      counts.added++;
    } else if (JSON.stringify(target[at]) !== JSON.stringify(r) && r.date >= target[at].date) {
      target[at] = r;
      counts.updated++;
    } else {
      counts.same++;
    }
  }
  return counts;
}

/** A new response id: time and randomness, nothing about the person. */
export function newResponseId() {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return `r-${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("")}`;
}
