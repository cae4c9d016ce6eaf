/* The skill model as the tool uses it, read from the page's data (tool_data.document):
 * the scale, the raters, the checkpoint kinds, the flag rules and each skill's indicators.
 * Nothing here knows this kit's ids: another kit's data gives another tool. */

/** @param data {framework, grids, kit} as embedded in the page. */
export function makeFramework(data) {
  const fw = data.framework;
  const none = fw.not_observed;
  const rated = fw.scale.filter((v) => v !== none);
  const skills = new Map();
  const grids = (data.grids || []).map((grid) => ({
    competence: grid.competence,
    title: grid.title,
    skills: grid.skills.map((s) => {
      const skill = { id: s.id, name: s.name, indicators: s.indicators.slice(), module: s.module, competence: grid.competence };
      skills.set(s.id, skill);
      return skill;
    }),
  }));
  return {
    kit: (data.kit && data.kit.id) || "kit",
    scale: fw.scale.slice(),
    none,
    rated,
    top: Math.max(...rated),
    bottom: Math.min(...rated),
    raters: fw.raters.slice(),
    selfRater: fw.self_rater,
    kinds: fw.checkpoints.slice(),
    rules: fw.flags.map((r) => ({ ...r })),
    grids,
    skills,
    skillIds: [...skills.keys()],
    total: [...skills.values()].reduce((n, s) => n + s.indicators.length, 0),
    isRater: (r) => fw.raters.includes(r),
    isSkill: (id) => typeof id === "string" && skills.has(id),
    isValue: (v) => Number.isInteger(v) && fw.scale.includes(v),
  };
}
