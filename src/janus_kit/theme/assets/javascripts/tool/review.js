/* The review of one checkpoint as data: per skill the raters' levels, the suggested and the
 * agreed level, the previous checkpoint, the flags with their numbers, every note, and the
 * actions. The review view, the printed record and later the certification and the charts
 * all read this, so they show the same thing. */

import { own } from "./util.js";
import { liveCheckpoints, previousCheckpoint, checkpointOf, levelsAt, agreedAt, flagsAt, entryOf, valuesOf, progress } from "./record.js";

export function reviewData(fw, rec, cpId) {
  const cp = checkpointOf(rec, cpId);
  if (!cp) return null;
  const before = previousCheckpoint(rec, cpId);
  const grids = fw.grids.map((grid) => ({
    competence: grid.competence,
    title: grid.title,
    skills: grid.skills.map((skill) => {
      const agreed = agreedAt(fw, rec, cpId, skill.id);
      return {
        skill,
        levels: levelsAt(fw, rec, cpId, skill.id),
        agreed,
        previous: before ? { levels: levelsAt(fw, rec, before.id, skill.id), agreed: agreedAt(fw, rec, before.id, skill.id) } : null,
        flags: flagsAt(fw, rec, cpId, skill.id),
        indicators: skill.indicators.map((text, i) => ({
          text,
          values: new Map(fw.raters.map((r) => [r, valuesOf(entryOf(rec, cpId, r, skill.id))[i] ?? null])),
        })),
        notes: fw.raters.map((r) => {
          const e = entryOf(rec, cpId, r, skill.id);
          return e && e.note && e.note.value ? { rater: r, text: e.note.value, at: e.note.at } : null;
        }).filter(Boolean),
      };
    }),
  }));
  return {
    record: rec,
    checkpoint: cp,
    previous: before,
    grids,
    raters: fw.raters.map((r) => ({ rater: r, ...progress(fw, rec, cpId, r) })),
    actions: cp.review.actions.filter((a) => !a.gone),
    next: cp.review.next ? cp.review.next.value : "",
    flagCount: grids.reduce((n, g) => n + g.skills.reduce((m, s) => m + s.flags.length, 0), 0),
    checkpoints: liveCheckpoints(rec),
  };
}

export const agreedOf = (cp, skill) => own(cp.review.agreed, skill);
