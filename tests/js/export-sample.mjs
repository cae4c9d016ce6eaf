// Prints a record that uses every part of the format (for the schema test in pytest).
// Usage: node tests/js/export-sample.mjs tool-data.json [v1-file.json]
import { readFileSync } from "node:fs";
import { makeFramework } from "../../src/janus_kit/theme/assets/javascripts/tool/framework.js";
import * as R from "../../src/janus_kit/theme/assets/javascripts/tool/record.js";
import { mergeCheckpoints } from "../../src/janus_kit/theme/assets/javascripts/tool/merge.js";
import { deadRules } from "../../src/janus_kit/theme/assets/javascripts/tool/flags.js";

const data = JSON.parse(readFileSync(process.argv[2], "utf8"));
const fw = makeFramework(data);
const rec = R.newTrainee({ code: "K7F3", name: "Léa", centre: "CFA Lyon" });
const a = R.newCheckpoint(fw.kinds[0], "2025-01-15");
const b = R.newCheckpoint(fw.kinds[1], "2025-04-02");
const c = R.newCheckpoint(fw.kinds[1], "2025-04-03");
rec.checkpoints.push(a, b, c);
const dev = "d-sample00001";
for (const cp of [a, b, c]) {
  for (const rater of fw.raters) {
    for (const skill of fw.skillIds) {
      fw.skills.get(skill).indicators.forEach((_, i) => R.setRating(fw, rec, cp.id, rater, skill, i, fw.scale[(i + rater.length) % fw.scale.length], dev));
    }
    R.setNote(fw, rec, cp.id, rater, fw.skillIds[0], "Saw it on 3 May.\nAgain on 5 May.", dev);
  }
}
R.setRating(fw, rec, a.id, fw.raters[0], fw.skillIds[0], 0, fw.scale.at(-1), dev);
R.setAgreed(rec, a.id, fw.skillIds[0], fw.scale[2], dev);
R.addAction(rec, a.id, { skill: fw.skillIds[1], text: "Do the module", due: "2025-02-01", who: "Tutor" }, dev);
const gone = R.addAction(rec, a.id, { skill: "", text: "Call", due: "", who: "" }, dev);
R.removeAction(rec, a.id, gone.id, dev);
R.setNext(rec, a.id, "2025-04-01", dev);
R.setLocked(rec, a.id, true, dev);
mergeCheckpoints(fw, rec, c.id, b.id);
const out = { record: JSON.parse(R.serialize(fw, rec)), dead: deadRules(fw) };
if (process.argv[3]) {
  const kinds = data.checkpoint_names || {};
  out.migrated = JSON.parse(R.serialize(fw, R.migrateV1(fw, JSON.parse(readFileSync(process.argv[3], "utf8")), { kinds }).record));
}
console.log(JSON.stringify(out));
