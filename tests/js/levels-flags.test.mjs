import { test } from "node:test";
import assert from "node:assert/strict";
import { fw, data, RULES } from "./fixture.mjs";
import { makeFramework } from "../../src/janus_kit/theme/assets/javascripts/tool/framework.js";
import { median, raterLevel, suggestedLevel } from "../../src/janus_kit/theme/assets/javascripts/tool/levels.js";
import { evaluateFlags, deadRules } from "../../src/janus_kit/theme/assets/javascripts/tool/flags.js";

const levels = (trainee, tutor, trainer) =>
  new Map(Object.entries({ trainee, tutor, trainer }).filter(([, v]) => v !== undefined));
const ids = (ctx, rules) => evaluateFlags(fw, ctx, rules).map((f) => f.id);

test("a rater's level: median of the indicators rated 1-4, rounded down; 0 and unrated left out", () => {
  assert.equal(raterLevel(fw, [4, 4, 3, 0]), 4);
  assert.equal(raterLevel(fw, [1, 2, 3, 4]), 2);
  assert.equal(raterLevel(fw, [3, 3, 4, 4]), 3);
  assert.equal(raterLevel(fw, [null, 3, null, null]), 3);
  assert.equal(raterLevel(fw, [0, 0, 0, null]), 0, "only 'not observed': the level is 'not observed'");
  assert.equal(raterLevel(fw, [null, null]), undefined, "nothing rated yet");
  assert.equal(median([]), undefined);
});

test("the suggested agreed level: median of the raters' levels, rounded down, 'not observed' left out", () => {
  assert.equal(suggestedLevel(fw, levels(3, 4, 2)), 3);
  assert.equal(suggestedLevel(fw, levels(0, 4, 2)), 3);
  assert.equal(suggestedLevel(fw, levels(1, 2)), 1);
  assert.equal(suggestedLevel(fw, levels(0, 0)), 0);
  assert.equal(suggestedLevel(fw, new Map()), undefined);
  assert.equal(suggestedLevel(fw, { trainee: 2, tutor: 4 }), 3);
});

const CASES = [
  [levels(4, 3, 3), ["blind-spot"]],
  [levels(3, 3, 3), []],
  [levels(4, 3, 4), []],
  [levels(4, 3, 0), ["blind-spot"]],
  [levels(4, 0, 0), []],
  [levels(4), []],
  [levels(1, 3, 3), ["hidden-strength", "disagreement"]],
  [levels(1, 2, 3), ["hidden-strength", "disagreement", "training-need"]],
  [levels(2, 4, 0), ["hidden-strength", "disagreement"]],
  [levels(0, 3, 3), []],
  [levels(3, 4, 2), ["disagreement"]],
  [levels(3, 4, 3), []],
];

test("rater rules fire from the levels, with the levels behind them", () => {
  for (const [lv, want] of CASES) {
    const agreed = suggestedLevel(fw, lv);
    assert.deepEqual(ids({ levels: lv, agreed }), want, JSON.stringify([...lv]));
  }
  const [flag] = evaluateFlags(fw, { levels: levels(4, 2, 0), agreed: 3 });
  assert.equal(flag.id, "blind-spot");
  assert.deepEqual([...flag.facts.levels], [["trainee", 4], ["tutor", 2]], "'not observed' is not a number behind a flag");
});

test("agreed and progress rules read the agreed level and the previous checkpoint", () => {
  assert.deepEqual(ids({ levels: new Map(), agreed: 2 }), ["training-need"]);
  assert.deepEqual(ids({ levels: new Map(), agreed: 0 }), [], "not observed is no training need");
  assert.deepEqual(ids({ levels: new Map(), agreed: 2, previous: 2 }), ["training-need", "no-progress"]);
  assert.deepEqual(ids({ levels: new Map(), agreed: 2, previous: 3 }), ["training-need", "no-progress"]);
  assert.deepEqual(ids({ levels: new Map(), agreed: 2, previous: 1 }), ["training-need"]);
  assert.deepEqual(ids({ levels: new Map(), agreed: 3, previous: 3 }), []);
  assert.deepEqual(ids({ levels: new Map(), agreed: 2, previous: 0 }), ["training-need"]);
  const [, flag] = evaluateFlags(fw, { levels: new Map(), agreed: 2, previous: 2 });
  assert.deepEqual(flag.facts, { agreed: 2, previous: 2 });
});

test("every rule of the model can fire (no rule is dead), each with its own flag", () => {
  assert.deepEqual(deadRules(fw), []);
  for (const rule of RULES) {
    const one = makeFramework(data({ flags: [rule] }));
    assert.deepEqual(deadRules(one), [], rule.id);
  }
});

test("rules that can never fire are found", () => {
  const rules = [
    { id: "too-wide", when: "raters_apart", margin: 4 },
    { id: "below-bottom", when: "no_progress_below", level: 1 },
    { id: "no-margin", when: "self_above_others" },
    { id: "unknown", when: "moon_phase", margin: 1 },
    { id: "fine", when: "agreed_at_most", level: 1 },
  ];
  assert.deepEqual(deadRules(fw, rules), ["too-wide", "below-bottom", "no-margin", "unknown"]);
  // The old model: "no progress below 3" shared the id of "agreed at most 2", so it could add nothing.
  const old = [
    { id: "training-need", when: "agreed_at_most", level: 2 },
    { id: "training-need", when: "no_progress_below", level: 3 },
  ];
  assert.deepEqual(ids({ levels: new Map(), agreed: 2, previous: 2 }, old), ["training-need"]);
});

test("margins and levels come from the data, and other raters work", () => {
  const wide = [{ id: "apart", when: "raters_apart", margin: 3 }];
  assert.deepEqual(ids({ levels: levels(1, 3, 3) }, wide), []);
  assert.deepEqual(ids({ levels: levels(1, 4, 3) }, wide), ["apart"]);
  const other = makeFramework(data({ raters: ["learner", "mentor"], self_rater: "learner" }));
  const f = evaluateFlags(other, { levels: new Map([["learner", 4], ["mentor", 2]]), agreed: 3 });
  assert.deepEqual(f.map((x) => x.id), ["blind-spot", "disagreement"]);
});
