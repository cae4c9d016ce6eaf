/* The gap rules of the skill model (framework.yml, flags:), read as data. Each rule kind
 * is a function of one skill at one checkpoint: the raters' levels, the agreed level (the
 * one agreed at the review, else the suggested one) and the agreed level of the previous
 * checkpoint. A rule that fires gives its flag id and the numbers behind it. */

const observed = (fw, v) => v !== undefined && v !== null && fw.rated.includes(v);

function seen(fw, levels) {
  return [...levels].filter(([, v]) => observed(fw, v));
}

/** rule kind -> (fw, rule, ctx) -> facts or null */
export const RULE_KINDS = {
  self_above_others(fw, rule, { levels }) {
    const all = seen(fw, levels);
    const self = levels.get(fw.selfRater);
    const others = all.filter(([r]) => r !== fw.selfRater).map(([, v]) => v);
    if (!observed(fw, self) || !others.length) return null;
    return others.every((o) => self - o >= rule.margin) ? { levels: new Map(all) } : null;
  },
  self_below_another(fw, rule, { levels }) {
    const all = seen(fw, levels);
    const self = levels.get(fw.selfRater);
    if (!observed(fw, self)) return null;
    return all.some(([r, v]) => r !== fw.selfRater && v - self >= rule.margin) ? { levels: new Map(all) } : null;
  },
  raters_apart(fw, rule, { levels }) {
    const all = seen(fw, levels);
    if (all.length < 2) return null;
    const values = all.map(([, v]) => v);
    return Math.max(...values) - Math.min(...values) >= rule.margin ? { levels: new Map(all) } : null;
  },
  agreed_at_most(fw, rule, { agreed }) {
    return observed(fw, agreed) && agreed <= rule.level ? { agreed } : null;
  },
  no_progress_below(fw, rule, { agreed, previous }) {
    if (!observed(fw, agreed) || !observed(fw, previous)) return null;
    return agreed < rule.level && agreed <= previous ? { agreed, previous } : null;
  },
};

/** The flags of one skill: [{id, when, facts}], in the order of the rules.
 * ctx: {levels: Map rater -> level, agreed, previous}; unknown rule kinds never fire. */
export function evaluateFlags(fw, ctx, rules = fw.rules) {
  const out = [];
  const levels = ctx.levels instanceof Map ? ctx.levels : new Map(Object.entries(ctx.levels || {}));
  const full = { levels, agreed: ctx.agreed, previous: ctx.previous };
  for (const rule of rules) {
    const kind = Object.prototype.hasOwnProperty.call(RULE_KINDS, rule.when) ? RULE_KINDS[rule.when] : null;
    if (!kind || out.some((f) => f.id === rule.id)) continue;
    const facts = kind(fw, rule, full);
    if (facts) out.push({ id: rule.id, when: rule.when, facts });
  }
  return out;
}

function* combos(options, n) {
  if (n === 0) {
    yield [];
    return;
  }
  for (const rest of combos(options, n - 1)) for (const v of options) yield [...rest, v];
}

/** Ids of the rules that no ratings can make fire (tried one by one, exhaustively). */
export function deadRules(fw, rules = fw.rules) {
  const values = [undefined, ...fw.scale];
  const cases = [];
  const raters = fw.raters.slice(0, 6);
  for (const combo of combos(values, raters.length)) {
    const levels = new Map();
    combo.forEach((v, i) => v !== undefined && levels.set(raters[i], v));
    cases.push({ levels, agreed: undefined, previous: undefined });
  }
  for (const agreed of values) for (const previous of values) cases.push({ levels: new Map(), agreed, previous });
  return rules
    .filter((rule) => !cases.some((ctx) => evaluateFlags(fw, ctx, [rule]).length))
    .map((rule) => rule.id);
}
