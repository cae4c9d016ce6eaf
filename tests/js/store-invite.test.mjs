import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fw, realLike } from "./fixture.mjs";
import { makeFramework } from "../../src/janus_kit/theme/assets/javascripts/tool/framework.js";
import * as R from "../../src/janus_kit/theme/assets/javascripts/tool/record.js";
import { openStore, BUDGET } from "../../src/janus_kit/theme/assets/javascripts/tool/store.js";
import { mergeRecords } from "../../src/janus_kit/theme/assets/javascripts/tool/merge.js";
import * as I from "../../src/janus_kit/theme/assets/javascripts/tool/invite.js";

/** localStorage as browsers have it: strings only, a quota in characters, errors when full. */
class FakeStorage {
  constructor(quota = 5000000) {
    this.map = new Map();
    this.quota = quota;
  }
  get length() {
    return this.map.size;
  }
  key(i) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    const used = [...this.map].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0);
    if (used + k.length + String(v).length > this.quota) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

const DEVICE = "d-laptop0001";
function filled(checkpoints = 1, note = "") {
  const rec = R.newTrainee({ code: "K7F3", name: "Léa" });
  for (let c = 0; c < checkpoints; c++) {
    const cp = R.newCheckpoint("period", "2025-03-12");
    rec.checkpoints.push(cp);
    for (const rater of fw.raters) {
      for (const skill of fw.skillIds) {
        for (let i = 0; i < 4; i++) R.setRating(fw, rec, cp.id, rater, skill, i, 3, DEVICE);
        if (note) R.setNote(fw, rec, cp.id, rater, skill, note, DEVICE);
      }
    }
  }
  return rec;
}

test("what is saved loads back the same on the next visit", () => {
  const storage = new FakeStorage();
  const store = openStore(fw, storage).load();
  assert.equal(store.persistent, true);
  const rec = filled(2);
  assert.equal(store.save(rec).ok, true);
  store.settings = { device: DEVICE, rater: "tutor", fixed: true, lang: "de" };
  store.saveSettings();
  const next = openStore(fw, storage).load();
  assert.deepEqual(next.broken, []);
  assert.equal(R.serialize(fw, next.records.get(rec.trainee.id)), R.serialize(fw, rec));
  assert.deepEqual(next.settings, { device: DEVICE, rater: "tutor", fixed: true, lang: "de" });
});

test("a record too big to save is refused before saving, and storage is unchanged", () => {
  const storage = new FakeStorage();
  const store = openStore(fw, storage).load();
  const rec = filled(1);
  store.save(rec);
  const before = new Map(storage.map);
  // A merge of many long checkpoints would pass the 1 MB limit of one record.
  const big = filled(45, "x".repeat(500));
  const { record } = mergeRecords(fw, rec, { ...big, trainee: { ...rec.trainee } });
  assert.equal(R.liveCheckpoints(record).length, 46);
  const got = store.save(record);
  assert.equal(got.ok, false);
  assert.equal(got.error, "size");
  assert.ok(got.size > R.LIMITS.file);
  assert.deepEqual(storage.map, before);
  assert.equal(R.serialize(fw, store.records.get(rec.trainee.id)), R.serialize(fw, rec));
});

test("a full storage is reported before it throws, and when it throws", () => {
  const small = new FakeStorage(20000);
  const store = openStore(fw, small).load();
  const got = store.save(filled(1, "y".repeat(400)));
  assert.equal(got.ok, false);
  assert.equal(got.error, "full");
  assert.equal(small.map.size, 0);
  assert.ok(BUDGET < 5000000);
});

test("a record that the next load would refuse is never saved", () => {
  const storage = new FakeStorage();
  const store = openStore(fw, storage).load();
  const rec = filled(1);
  rec.trainee.name = "bad\u0000name";
  const got = store.save(rec);
  assert.equal(got.ok, false);
  assert.equal(got.error, "invalid");
  assert.equal(storage.map.size, 0);
});

test("blocked storage: the tool keeps working in memory and says so", () => {
  const blocked = { setItem() { throw new Error("SecurityError"); }, getItem() { throw new Error("SecurityError"); }, removeItem() {}, key() { return null; }, length: 0 };
  const store = openStore(fw, blocked).load();
  assert.equal(store.persistent, false);
  const rec = filled(1);
  assert.equal(store.save(rec).ok, true);
  assert.ok(store.records.has(rec.trainee.id));
  assert.equal(openStore(fw, null).load().persistent, false);
});

test("a saved record that cannot be read is kept and reported, never deleted", () => {
  const storage = new FakeStorage();
  storage.setItem("janus-kit:v2:t:t-broken00001", '{"format": "janus-kit-record", "schema": 2, "kit": "janus-kit"');
  const store = openStore(fw, storage).load();
  assert.equal(store.broken.length, 1);
  assert.equal(store.broken[0].error, "syntax");
  assert.ok(storage.getItem("janus-kit:v2:t:t-broken00001"));
});

test("records saved by version 1 of the tool are migrated once, then the old key goes", () => {
  const v1fw = makeFramework(realLike());
  const storage = new FakeStorage();
  const text = readFileSync(new URL("../fixtures/record-v1.json", import.meta.url), "utf8");
  storage.setItem("janus-kit:record:Léa B.", text);
  const store = openStore(v1fw, storage, { kinds: { "Start of the pathway": "start" } }).load();
  assert.equal(store.migrated, 1);
  const [rec] = store.records.values();
  assert.equal(rec.trainee.name, "Léa B.");
  assert.equal(storage.getItem("janus-kit:record:Léa B."), null);
  assert.equal(openStore(v1fw, storage).load().records.size, 1);
});

test("an invitation travels in a link fragment and in a file, and is checked on arrival", () => {
  const rec = R.newTrainee({ code: "K7F3", name: "Léa", centre: "CFA Lyon & Co" });
  const cp = R.newCheckpoint("period", "2025-06-02");
  rec.checkpoints.push(cp);
  const inv = I.makeInvitation(fw, rec, cp);
  assert.equal(JSON.stringify(inv).includes("Léa"), false, "no name in an invitation");
  const hash = I.invitationFragment(inv);
  assert.ok(hash.startsWith("#invite?"));
  assert.ok(hash.length < 220, hash);
  assert.deepEqual(I.readFragment(fw, hash), { ok: true, invitation: inv });
  const file = I.readFile(fw, JSON.stringify(inv));
  assert.equal(file.kind, "invitation");
  const made = file.records[0];
  assert.equal(made.trainee.id, rec.trainee.id);
  assert.equal(made.checkpoints[0].id, cp.id);
  assert.ok(R.validateRecord(fw, JSON.parse(R.serialize(fw, made))).ok);
  // Its facts are older than any real ones: joining it changes nothing that exists.
  const { record } = mergeRecords(fw, rec, made);
  assert.equal(record.trainee.name, "Léa");
  assert.equal(I.readFragment(fw, "#top"), null);
  for (const bad of [
    hash.replace(cp.id, "__proto__"),
    hash.replace(rec.trainee.id, "constructor"),
    hash.replace("kind=period", "kind=holiday"),
    hash.replace("date=2025-06-02", "date=2025-13-02"),
    hash.replace("kit=janus-kit", "kit=other"),
    `${hash}&extra=1`,
    `${hash}&t=t-another0001`,
    hash.replace("code=K7F3", `code=${"X".repeat(20)}`),
  ]) assert.equal(I.readFragment(fw, bad).ok, false, bad);
});

test("a backup holds every record; a broken one refuses the whole file", () => {
  const a = filled(1);
  const b = filled(1);
  const backup = I.makeBackup(fw, [a, b]);
  const got = I.readFile(fw, JSON.stringify(backup));
  assert.equal(got.kind, "backup");
  assert.deepEqual(got.records.map((r) => r.trainee.id), [a.trainee.id, b.trainee.id]);
  backup.records[1].trainee.id = "__proto__";
  const bad = I.readFile(fw, JSON.stringify(backup));
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.where.slice(0, 4), ["records", "1", "trainee", "id"]);
  assert.equal(I.readFile(fw, JSON.stringify({ format: "something" })).error, "foreign");
});
