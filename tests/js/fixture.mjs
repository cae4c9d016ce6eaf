// A kit's tool data as tool_data.document() embeds it: 12 skills of 4 indicators, the
// 0-4 scale, three raters and the five rule kinds (the real data is tested from pytest).
import { makeFramework } from "../../src/janus_kit/theme/assets/javascripts/tool/framework.js";

export const RULES = [
  { id: "blind-spot", when: "self_above_others", margin: 1 },
  { id: "hidden-strength", when: "self_below_another", margin: 2 },
  { id: "disagreement", when: "raters_apart", margin: 2 },
  { id: "training-need", when: "agreed_at_most", level: 2 },
  { id: "no-progress", when: "no_progress_below", level: 3 },
];

export function data(overrides = {}) {
  const skills = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].map((x) => `skill-${x}`);
  return {
    kit: { id: "janus-kit", version: "2.0" },
    framework: {
      competences: [{ id: "one", skills }],
      scale: [0, 1, 2, 3, 4],
      not_observed: 0,
      raters: ["trainee", "tutor", "trainer"],
      self_rater: "trainee",
      checkpoints: ["start", "period", "end"],
      flags: RULES,
      ...overrides,
    },
    grids: [{ competence: "one", title: "One", skills: skills.map((id) => ({ id, name: id, indicators: ["w", "x", "y", "z"], module: `../${id}/` })) }],
  };
}

export const fw = makeFramework(data());

/** The skill ids of this kit's version-1 files (4 indicators each), for the migration tests. */
export const REAL_SKILLS = [
  "willingness-to-learn", "self-reflection", "accepting-feedback", "adapting-to-change",
  "communicating", "teamwork", "empathy-respect", "resolving-conflicts",
  "initiative", "responsibility", "problem-solving", "planning",
];

export function realLike() {
  const d = data();
  d.framework.competences = [{ id: "all", skills: REAL_SKILLS }];
  d.grids = [{ competence: "all", title: "All", skills: REAL_SKILLS.map((id) => ({ id, name: id, indicators: ["w", "x", "y", "z"], module: `../${id}/` })) }];
  return d;
}
