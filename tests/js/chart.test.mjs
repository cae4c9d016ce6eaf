import { test } from "node:test";
import assert from "node:assert/strict";
import { fw } from "./fixture.mjs";
import * as R from "../../src/janus_kit/theme/assets/javascripts/tool/record.js";
import { history, tickLabel, MAX_POINTS } from "../../src/janus_kit/theme/assets/javascripts/tool/chart.js";

const DEVICE = "d-laptop0001";

function rate(rec, cp, rater, values) {
  values.forEach((v, i) => R.setRating(fw, rec, cp.id, rater, "skill-a", i, v, DEVICE));
}

test("a skill's chart shows each rater's level and the agreed one at each checkpoint up to the reviewed one, in date order", () => {
  const rec = R.newTrainee({ code: "K7F3" });
  const late = R.newCheckpoint("end", "2025-11-20");
  const early = R.newCheckpoint("start", "2025-01-15");
  const middle = R.newCheckpoint("period", "2025-05-02");
  rec.checkpoints.push(late, early, middle); // made in another order than their dates
  rate(rec, early, "trainee", [3, 3, 3, 3]);
  rate(rec, early, "tutor", [1, 2, 2, 1]);
  rate(rec, middle, "trainee", [4, 4, 3, 4]);
  rate(rec, middle, "tutor", [0, 0, 0, 0]);
  rate(rec, middle, "trainer", [2, 3, 3, 2]);
  R.setAgreed(rec, middle.id, "skill-a", 3, DEVICE);
  rate(rec, late, "trainee", [4, 4, 4, 4]);

  const points = history(fw, rec, middle.id, "skill-a");
  assert.deepEqual(points.map((p) => p.cp.id), [early.id, middle.id], "nothing after the reviewed checkpoint");
  assert.deepEqual([...points[0].levels], [["trainee", 3], ["tutor", 1]]);
  assert.deepEqual(points[0].agreed, { value: 2, final: false, suggested: 2 }, "suggested: the median of 3 and 1, rounded down");
  assert.deepEqual([...points[1].levels], [["trainee", 4], ["tutor", 0], ["trainer", 2]], "0 = not observed is kept for the table");
  assert.equal(points[1].agreed.value, 3);
  assert.equal(points[1].agreed.final, true);
  assert.equal(history(fw, rec, late.id, "skill-a").length, 3);
});

test("a chart shows the last checkpoints only, and no deleted or merged one", () => {
  const rec = R.newTrainee({ code: "AB12" });
  for (let i = 1; i <= MAX_POINTS + 3; i++) rec.checkpoints.push(R.newCheckpoint("period", `2025-${String(i).padStart(2, "0")}-01`));
  rec.checkpoints[2] = { id: rec.checkpoints[2].id, gone: "deleted" };
  const last = rec.checkpoints.at(-1);
  const points = history(fw, rec, last.id, "skill-a");
  assert.equal(points.length, MAX_POINTS);
  assert.equal(points.at(-1).cp.id, last.id);
  assert.ok(points.every((p) => !p.cp.gone));
});

test("checkpoint dates are short, in the reader's language, with the year when they span years", () => {
  const cp = { date: "2025-05-03" };
  assert.equal(tickLabel("en-GB", cp, 0, false), "3 May");
  assert.match(tickLabel("fr", cp, 0, false), /^3 mai$/);
  assert.match(tickLabel("de", cp, 0, false), /^3\. Mai$/);
  assert.equal(tickLabel("not a language tag!", cp, 0, false), "2025-05-03", "a broken tag in strings.yml: the ISO date");
  assert.match(tickLabel("en-GB", cp, 0, true), /^3 May 25$/);
  assert.equal(tickLabel("en-GB", { date: "" }, 2, false), "#3", "no date: its number");
});
