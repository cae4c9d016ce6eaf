/* JANUS+ kit, feedback: the numbers of the trainer's summary (pure functions, no DOM).
 * Per questionnaire, one group per module (or per rater, or one for an event): how many
 * responses, and per question how many answered, the average and the answers given. */

import { questionsFor } from "./format.js";

/** The summary of one question over some responses. */
export function summarizeQuestion(q, responses) {
  const given = responses.map((r) => r.answers[q.id]).filter((v) => v !== undefined);
  const out = { id: q.id, type: q.type, label: q.label, answered: given.length };
  if (q.type === "text") return { ...out, texts: given };
  if (q.type === "scale" || q.type === "choice") {
    out.counts = q.options.map((o) => ({ value: o.value, label: o.label, count: given.filter((v) => v === o.value).length }));
  }
  if (q.type === "scale" || q.type === "number") {
    out.average = given.length ? given.reduce((a, b) => a + b, 0) / given.length : null;
  }
  if (q.type === "number") {
    out.min = given.length ? Math.min(...given) : null;
    out.max = given.length ? Math.max(...given) : null;
    out.unit = q.unit;
  }
  return out;
}

/** Every questionnaire that has responses, with its groups in the kit's order. */
export function summarize(responses, data) {
  const names = {
    skill: new Map((data.abouts?.skill || []).map((s) => [s.id, s.name])),
    rater: new Map((data.abouts?.rater || []).map((r) => [r.id, r.label])),
  };
  const out = [];
  for (const qn of data.questionnaires) {
    const mine = responses.filter((r) => r.questionnaire === qn.id);
    if (!mine.length) continue;
    const abouts = qn.about ? [...names[qn.about].keys()] : [null];
    const groups = [];
    for (const about of abouts) {
      const group = mine.filter((r) => r.about === about);
      if (!group.length) continue;
      groups.push({
        about,
        name: about === null ? qn.title : names[qn.about].get(about),
        count: group.length,
        questions: questionsFor(qn, about).map((q) => summarizeQuestion(q, group)),
      });
    }
    out.push({ id: qn.id, about: qn.about, title: qn.title, total: mine.length, groups });
  }
  return out;
}

/** A number in the reader's language: one decimal, their decimal sign. */
export function formatNumber(value, decimal = ".", digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const fixed = (Math.round(value * 10 ** digits) / 10 ** digits).toFixed(digits);
  return decimal === "." ? fixed : fixed.replace(".", decimal);
}

/** "{name}" placeholders filled in, anything else left as it is. */
export function fillText(text, values = {}) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m));
}
