import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fw, realLike } from "./fixture.mjs";
import { makeFramework } from "../../src/janus_kit/theme/assets/javascripts/tool/framework.js";
import * as R from "../../src/janus_kit/theme/assets/javascripts/tool/record.js";

const DEVICE = "d-phone00001";
const V1 = readFileSync(new URL("../fixtures/record-v1.json", import.meta.url), "utf8");
const REAL = JSON.parse(V1);
const v1fw = makeFramework(realLike());

function sample() {
  const rec = R.newTrainee({ code: "K7F3", name: "Léa", centre: "CFA Lyon" });
  const cp = R.newCheckpoint("start", "2025-03-12");
  rec.checkpoints.push(cp);
  R.setRating(fw, rec, cp.id, "tutor", "skill-a", 0, 3, DEVICE);
  R.setRating(fw, rec, cp.id, "tutor", "skill-a", 2, 0, DEVICE);
  R.setNote(fw, rec, cp.id, "tutor", "skill-a", "Helped unload, 3 May.", DEVICE);
  R.setAgreed(rec, cp.id, "skill-a", 3, DEVICE);
  R.addAction(rec, cp.id, { skill: "skill-b", text: "Read the module", due: "2025-04-01", who: "Tutor" }, DEVICE);
  R.setNext(rec, cp.id, "2025-06-01", DEVICE);
  return { rec, cp };
}

test("ids are made at creation, never from a name, and two trainees with one name stay apart", () => {
  const a = R.newTrainee({ name: "Léa" });
  const b = R.newTrainee({ name: "Léa" });
  assert.notEqual(a.trainee.id, b.trainee.id);
  assert.match(a.trainee.id, /^t-[a-z2-9]{12}$/);
  assert.match(a.trainee.code, /^[A-Z2-9]{4}$/);
  const c1 = R.newCheckpoint("start", "2025-01-01");
  assert.match(c1.id, /^c-[a-z2-9]{12}$/);
  assert.notEqual(c1.id, R.newCheckpoint("start", "2025-01-01").id);
});

test("save and load give back the same record (round trip through the validator)", () => {
  const { rec } = sample();
  const text = R.serialize(fw, rec);
  const back = R.parseRecord(fw, text);
  assert.ok(back.ok, JSON.stringify(back));
  assert.equal(R.serialize(fw, back.record), text);
  assert.equal(JSON.parse(text).kit, "janus-kit");
});

test("a correction on the same device replaces the rating and remembers the old time", () => {
  const { rec, cp } = sample();
  const before = R.entryOf(rec, cp.id, "tutor", "skill-a").indicators[0];
  R.setRating(fw, rec, cp.id, "tutor", "skill-a", 0, 2, DEVICE);
  const after = R.entryOf(rec, cp.id, "tutor", "skill-a").indicators[0];
  assert.equal(after.value, 2);
  assert.ok(after.at > before.at);
  assert.equal(after.decided, before.at);
});

test("levels, progress and flags of a checkpoint", () => {
  const { rec, cp } = sample();
  assert.deepEqual(R.progress(fw, rec, cp.id, "tutor"), { rated: 2, total: 48 });
  assert.deepEqual([...R.levelsAt(fw, rec, cp.id, "skill-a")], [["tutor", 3]]);
  assert.deepEqual(R.agreedAt(fw, rec, cp.id, "skill-a"), { value: 3, final: true, suggested: 3 });
  for (const v of [4, 4, 4, 4]) R.setRating(fw, rec, cp.id, "trainee", "skill-b", 0, v, DEVICE);
  for (let i = 0; i < 4; i++) R.setRating(fw, rec, cp.id, "trainee", "skill-b", i, 4, DEVICE);
  for (let i = 0; i < 4; i++) R.setRating(fw, rec, cp.id, "trainer", "skill-b", i, 2, DEVICE);
  const flags = R.flagsAt(fw, rec, cp.id, "skill-b");
  assert.deepEqual(flags.map((f) => f.id), ["blind-spot", "disagreement"]);
  assert.deepEqual(R.agreedAt(fw, rec, cp.id, "skill-b"), { value: 3, final: false, suggested: 3 });
});

const hostile = (mutate) => {
  const { rec } = sample();
  const data = JSON.parse(R.serialize(fw, rec));
  mutate(data);
  return R.validateRecord(fw, data);
};

test("ids that are names of Object.prototype are refused everywhere", () => {
  for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf"]) {
    assert.equal(hostile((d) => (d.trainee.id = name)).ok, false, `trainee ${name}`);
    assert.equal(hostile((d) => (d.checkpoints[0].id = name)).ok, false, `checkpoint ${name}`);
    const viaText = (text) => R.parseRecord(fw, text);
    const { rec } = sample();
    const cpId = rec.checkpoints[0].id;
    const base = R.serialize(fw, rec);
    for (const where of [`"${cpId}":{`, '"tutor":{', '"skill-a":{"indicators":[']) {
      const text = where.endsWith("[")
        ? base
        : base.replace(where, `${where}"${name}":{"indicators":[]},`);
      if (text === base) continue;
      const got = viaText(text);
      assert.equal(got.ok, false, `${name} after ${where}`);
      assert.equal(got.where.at(-1), name);
    }
    const asKey = base.replace(`"ratings":{"${cpId}"`, `"ratings":{"${name}":{},"${cpId}"`);
    assert.equal(viaText(asKey).ok, false);
  }
  assert.equal({}.indicators, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  const polluting = R.serialize(fw, sample().rec).replace('"tutor":{', '"tutor":{"__proto__":{"polluted":1},');
  assert.equal(R.parseRecord(fw, polluting).ok, false);
  assert.equal({}.polluted, undefined);
});

test("everything else in a file is checked too", () => {
  const bad = [
    (d) => (d.kit = "other-kit"),
    (d) => (d.extra = 1),
    (d) => (d.trainee.code = ""),
    (d) => (d.trainee.name = "x".repeat(81)),
    (d) => (d.trainee.name = "a\u0000b"),
    (d) => (d.checkpoints[0].kind = "holiday"),
    (d) => (d.checkpoints[0].date = "2025-02-30"),
    (d) => (d.checkpoints[0].review.agreed["skill-a"].value = 7),
    (d) => (d.checkpoints[0].review.actions[0].skill = "flying"),
    (d) => (d.checkpoints.push({ ...d.checkpoints[0] })),
    (d) => (d.checkpoints.push({ id: "c-gone00000001", gone: "merged", into: "c-nowhere0001", at: d.checkpoints[0].at })),
    (d) => {
      const e = Object.values(Object.values(d.ratings)[0])[0]["skill-a"];
      e.indicators[0].value = 5;
    },
    (d) => {
      const e = Object.values(Object.values(d.ratings)[0])[0]["skill-a"];
      e.indicators[0].at = "yesterday";
    },
    (d) => {
      const e = Object.values(Object.values(d.ratings)[0])[0]["skill-a"];
      e.indicators.push(null, null, null);
    },
    (d) => (Object.values(d.ratings)[0].boss = {}),
    (d) => (d.ratings["c-unknown00001"] = {}),
  ];
  for (const change of bad) assert.equal(hostile(change).ok, false, change.toString());
  assert.deepEqual(R.validateRecord(fw, { format: "x" }), { ok: false, error: "foreign" });
  assert.equal(R.validateRecord(fw, { format: R.FORMAT, schema: 3 }).error, "version");
  assert.equal(R.parseRecord(fw, "{").error, "syntax");
  assert.equal(R.parseRecord(fw, " ".repeat(R.LIMITS.file + 1)).error, "size");
});

test("a file of version 1 (as the tool exported it) is migrated, always to the same record", () => {
  const kinds = { "Start of the pathway": "start", "Début du parcours": "start", "After a company period": "period" };
  const one = R.migrateV1(v1fw, JSON.parse(V1), { kinds, now: "2025-05-01T10:00:00.000Z" });
  assert.ok(one.ok, JSON.stringify(one));
  const again = R.migrateV1(v1fw, JSON.parse(V1), { kinds, now: "2025-05-02T10:00:00.000Z" });
  assert.equal(one.record.trainee.id, again.record.trainee.id, "the same file gives the same trainee");
  assert.equal(one.record.trainee.name, "Léa B.");
  assert.match(one.record.trainee.code, /^[A-Z2-9]{4}$/);
  const [start, period] = one.record.checkpoints;
  assert.deepEqual([start.kind, start.date, start.label], ["start", "2025-01-15", ""]);
  assert.deepEqual([period.kind, period.date], ["period", "2025-04-02"]);
  assert.equal(start.id, `c-v1-${REAL.checkpoints[0].id}`);
  const tutor = R.entryOf(one.record, start.id, "tutor", "teamwork");
  assert.deepEqual(R.valuesOf(tutor), REAL.ratings[REAL.checkpoints[0].id].tutor.teamwork.indicators);
  assert.equal(tutor.note.value, REAL.ratings[REAL.checkpoints[0].id].tutor.teamwork.evidence);
  // Every rating of the file is there, and the result passes the version-2 validator.
  let count = 0;
  for (const cp of Object.values(REAL.ratings)) for (const r of Object.values(cp)) for (const s of Object.values(r)) count += s.indicators.filter((v) => v !== null).length;
  let migrated = 0;
  for (const cp of one.record.checkpoints) for (const rater of v1fw.raters) for (const s of v1fw.skillIds) migrated += R.valuesOf(R.entryOf(one.record, cp.id, rater, s)).filter((v) => v !== null).length;
  assert.equal(migrated, count);
  const back = R.parseRecord(v1fw, R.serialize(v1fw, one.record));
  assert.ok(back.ok, JSON.stringify(back));
  // An unknown checkpoint name keeps its words as the label.
  const renamed = JSON.parse(V1);
  renamed.checkpoints[1].name = "Visite en entreprise";
  assert.equal(R.migrateV1(v1fw, renamed, { kinds }).record.checkpoints[1].label, "Visite en entreprise");
  // Hostile version-1 files are refused like version-2 ones.
  const evil = JSON.parse(V1.replace('"tutor": {', '"tutor": {"__proto__": {"indicators": [1]},'));
  assert.equal(R.migrateV1(v1fw, evil, { kinds }).ok, false);
});
