// Unit tests of the feedback modules (node --test tests/js/). The page data below has the
// shape of janus_kit.evaluation.page_data for a small kit: two raters, a 1-3 scale.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  FEEDBACK_FORMAT, FEEDBACK_MAX_BYTES, FEEDBACK_MAX_RESPONSES, definitionsOf, mergeFeedback, newResponseId,
  parseFeedback, questionsFor, validateFeedback,
} from "../../src/janus_kit/theme/assets/javascripts/feedback/format.js";
import { fillText, formatNumber, summarize } from "../../src/janus_kit/theme/assets/javascripts/feedback/summary.js";

const scale = [1, 2, 3].map((value) => ({ value, label: `s${value}` }));
const DATA = {
  schema: 1, format: FEEDBACK_FORMAT, kit: "demo-kit", lang: "it",
  questionnaires: [
    { id: "module", about: "skill", title: "Modules", questions: [
      { id: "role", type: "choice", label: "I am", raters: [], options: [{ value: "learner", label: "Learner" }, { value: "mentor", label: "Mentor" }] },
      { id: "useful", type: "scale", label: "Useful", raters: [], options: scale },
      { id: "change", type: "text", label: "Change", raters: [], max_length: 2000 },
    ] },
    { id: "cycle", about: "rater", title: "Cycle", questions: [
      { id: "clear", type: "scale", label: "Clear", raters: [], options: scale },
      { id: "observe", type: "scale", label: "Observe", raters: ["mentor"], options: scale },
      { id: "minutes", type: "number", label: "Minutes", raters: [], min: 0, max: 120, unit: "min" },
    ] },
    { id: "event", about: null, title: "Event", questions: [{ id: "clear", type: "scale", label: "Clear", raters: [], options: scale }] },
  ],
  abouts: { skill: [{ id: "safety", name: "Safety" }, { id: "mail", name: "Mail" }], rater: [{ id: "learner", label: "Learner" }, { id: "mentor", label: "Mentor" }] },
  language: { decimal: "," },
};
const DEFS = definitionsOf(DATA);
const response = (over = {}) => ({ id: "r-1", questionnaire: "module", about: "safety", date: "2026-03-04", lang: "it", answers: { useful: 3 }, ...over });
const file = (responses, over = {}) => ({ format: FEEDBACK_FORMAT, schema: 1, kit: "demo-kit", responses, ...over });
const check = (data) => validateFeedback(data, DEFS);

test("a good file is accepted as a clean copy: texts trimmed, empty texts dropped", () => {
  const got = check(file([response({ answers: { role: "mentor", useful: 2, change: "  more examples  " } }), response({ id: "r-2", answers: { change: "   " } })]));
  assert.equal(got.ok, true);
  assert.deepEqual(got.file.responses[0].answers, { role: "mentor", useful: 2, change: "more examples" });
  assert.deepEqual(got.file.responses[1].answers, {});
  assert.equal(got.file.kit, "demo-kit");
});

test("files of another format, version or kit are refused and say so", () => {
  assert.deepEqual(check(null), { ok: false, error: "foreign" });
  assert.deepEqual(check([1]), { ok: false, error: "foreign" });
  assert.deepEqual(check({ ...file([]), format: "janus-kit-record" }), { ok: false, error: "foreign" });
  assert.deepEqual(check(file([], { schema: 2 })), { ok: false, error: "version", version: "2" });
  assert.deepEqual(check(file([], { kit: "other-kit" })), { ok: false, error: "kit", kit: "other-kit" });
});

test("unknown keys, prototype names and wrong values are refused with their place", () => {
  const cases = [
    [file([], { extra: 1 }), "extra"],
    [file([response({ name: "Ana" })]), "responses › 0 › name"],
    [file([response({ id: "__proto__" })]), "responses › 0 › id"],
    [file([response({ id: "constructor" })]), "responses › 0 › id"],
    [file([response({ id: "a b" })]), "responses › 0 › id"],
    [file([response({ questionnaire: "toString" })]), "responses › 0 › questionnaire"],
    [file([response({ questionnaire: "__proto__" })]), "responses › 0 › questionnaire"],
    [file([response({ about: "hasOwnProperty" })]), "responses › 0 › about"],
    [file([response({ date: "2026-02-30" })]), "responses › 0 › date"],
    [file([response({ lang: "<b>" })]), "responses › 0 › lang"],
    [file([response({ answers: { useful: 4 } })]), "responses › 0 › answers › useful"],
    [file([response({ answers: { useful: "3" } })]), "responses › 0 › answers › useful"],
    [file([response({ answers: { role: "boss" } })]), "responses › 0 › answers › role"],
    [file([response({ answers: { change: "x".repeat(2001) } })]), "responses › 0 › answers › change"],
    [file([response({ answers: { change: "a\u0000b" } })]), "responses › 0 › answers › change"],
    [file([response({ answers: { other: 1 } })]), "responses › 0 › answers › other"],
    [file([response({ questionnaire: "cycle", about: "learner", answers: { observe: 2 } })]), "responses › 0 › answers › observe"],
    [file([response({ questionnaire: "cycle", about: "mentor", answers: { minutes: 121 } })]), "responses › 0 › answers › minutes"],
    [file([response({ questionnaire: "cycle", about: "mentor", answers: { minutes: 2.5 } })]), "responses › 0 › answers › minutes"],
    [file([response({ questionnaire: "event", about: "safety" })]), "responses › 0 › about"],
    [file([response(), response()]), "responses › 1 › id"],
    [file({ length: 1 }), "responses"],
  ];
  for (const [data, where] of cases) {
    assert.deepEqual(check(data), { ok: false, error: "content", where }, where);
  }
  // A "__proto__" key that JSON.parse made an own property, at the top and in the answers.
  assert.equal(check(JSON.parse('{"format":"janus-kit-feedback","schema":1,"kit":"demo-kit","responses":[],"__proto__":{}}')).where, "__proto__");
  const text = JSON.stringify(file([response()])).replace('"answers":{', '"answers":{"__proto__":{"polluted":1},');
  assert.equal(parseFeedback(text, text.length, DEFS).where, "responses › 0 › answers › __proto__");
  assert.equal({}.polluted, undefined);
});

test("too many responses, too large and broken files are refused", () => {
  const many = Array.from({ length: FEEDBACK_MAX_RESPONSES + 1 }, (_, i) => response({ id: `r-${i}` }));
  assert.equal(check(file(many)).where, "responses");
  assert.deepEqual(parseFeedback("{}", FEEDBACK_MAX_BYTES + 1, DEFS), { ok: false, error: "size" });
  assert.deepEqual(parseFeedback("{\"format\": ", 11, DEFS), { ok: false, error: "syntax" });
});

test("the questions a rater sees: everyone's and their own", () => {
  const cycle = DEFS.questionnaires.get("cycle");
  assert.deepEqual(questionsFor(cycle, "learner").map((q) => q.id), ["clear", "minutes"]);
  assert.deepEqual(questionsFor(cycle, "mentor").map((q) => q.id), ["clear", "observe", "minutes"]);
});

test("merging counts each response once; a later version of it replaces the earlier", () => {
  const target = [];
  assert.deepEqual(mergeFeedback(target, [response(), response({ id: "r-2" })]), { added: 2, updated: 0, same: 0 });
  assert.deepEqual(mergeFeedback(target, [response(), response({ id: "r-2" })]), { added: 0, updated: 0, same: 2 });
  assert.deepEqual(mergeFeedback(target, [response({ date: "2026-03-05", answers: { useful: 1 } })]), { added: 0, updated: 1, same: 0 });
  assert.deepEqual(mergeFeedback(target, [response({ date: "2026-03-01", answers: { useful: 2 } })]), { added: 0, updated: 0, same: 1 });
  assert.equal(target.length, 2);
  assert.equal(target[0].answers.useful, 1);
});

test("new response ids are unique and pass the file check", () => {
  const ids = new Set(Array.from({ length: 200 }, newResponseId));
  assert.equal(ids.size, 200);
  for (const id of ids) assert.equal(check(file([response({ id })])).ok, true);
});

test("the summary counts, averages and lists, per module and per rater", () => {
  const responses = [
    response({ id: "a", answers: { role: "learner", useful: 3, change: "Shorter scene" } }),
    response({ id: "b", answers: { role: "learner", useful: 2 } }),
    response({ id: "c", answers: { role: "mentor", useful: 2, change: "More pictures" } }),
    response({ id: "d", about: "mail", answers: { useful: 1 } }),
    response({ id: "e", questionnaire: "cycle", about: "mentor", answers: { clear: 3, observe: 1, minutes: 30 } }),
    response({ id: "f", questionnaire: "cycle", about: "mentor", answers: { clear: 2, minutes: 45 } }),
    response({ id: "g", questionnaire: "cycle", about: "learner", answers: { clear: 3, minutes: 20 } }),
  ];
  const [modules, cycle, ...rest] = summarize(responses, DATA);
  assert.equal(rest.length, 0, "no event group without event responses");
  assert.equal(modules.total, 4);
  assert.deepEqual(modules.groups.map((g) => [g.about, g.count]), [["safety", 3], ["mail", 1]]);
  const [role, useful, change] = modules.groups[0].questions;
  assert.deepEqual(role.counts.map((c) => c.count), [2, 1]);
  assert.equal(useful.answered, 3);
  assert.equal(formatNumber(useful.average, ","), "2,3");
  assert.deepEqual(useful.counts.map((c) => c.count), [0, 2, 1]);
  assert.deepEqual(change.texts, ["Shorter scene", "More pictures"]);
  assert.deepEqual(cycle.groups.map((g) => g.about), ["learner", "mentor"]);
  assert.deepEqual(cycle.groups[0].questions.map((q) => q.id), ["clear", "minutes"]);
  const mentor = cycle.groups[1].questions;
  assert.equal(mentor.find((q) => q.id === "observe").answered, 1);
  const minutes = mentor.find((q) => q.id === "minutes");
  assert.deepEqual([minutes.average, minutes.min, minutes.max], [37.5, 30, 45]);
});

test("numbers in the reader's language and placeholders filled in", () => {
  assert.equal(formatNumber(2.25, "."), "2.3");
  assert.equal(formatNumber(3, ","), "3,0");
  assert.equal(formatNumber(null, ","), "");
  assert.equal(fillText("{a} and {b} and {__proto__}", { a: 1 }), "1 and {b} and {__proto__}");
});
