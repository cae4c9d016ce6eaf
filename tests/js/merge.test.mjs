import { test } from "node:test";
import assert from "node:assert/strict";
import { fw } from "./fixture.mjs";
import * as R from "../../src/janus_kit/theme/assets/javascripts/tool/record.js";
import { mergeRecords, mergeCheckpoints, mergeTrainees, resolveConflict, compare, deleteCheckpoint } from "../../src/janus_kit/theme/assets/javascripts/tool/merge.js";
import { copy } from "../../src/janus_kit/theme/assets/javascripts/tool/util.js";

const PHONE = "d-phone00001";
const LAPTOP = "d-laptop0001";
const CENTRE = "d-centre0001";

function rateAll(rec, cp, rater, value, device) {
  for (const skill of fw.skillIds) for (let i = 0; i < 4; i++) R.setRating(fw, rec, cp, rater, skill, i, value, device);
}
/** What another device gets from a file: the record as exported, read back. */
const viaFile = (rec) => R.parseRecord(fw, R.serialize(fw, rec)).record;

function start() {
  const rec = R.newTrainee({ code: "K7F3", name: "Léa", centre: "CFA Lyon" });
  const cp = R.newCheckpoint("start", "2025-03-12");
  rec.checkpoints.push(cp);
  return { rec, cp: cp.id };
}

test("ratings from another device are added, per rater and checkpoint", () => {
  const { rec: trainer, cp } = start();
  const tutor = viaFile(trainer);
  rateAll(tutor, cp, "tutor", 3, LAPTOP);
  R.setNote(fw, tutor, cp, "tutor", "skill-a", "Helped a colleague, 3 May.", LAPTOP);
  const { record, summary } = mergeRecords(fw, trainer, viaFile(tutor));
  assert.deepEqual(summary.lines, [{ checkpoint: cp, rater: "tutor", added: 48, changed: 0, conflicts: 0, notes: 1 }]);
  assert.equal(R.progress(fw, record, cp, "tutor").rated, 48);
  assert.equal(R.progress(fw, trainer, cp, "tutor").rated, 0, "the local copy is not changed (undo keeps it)");
  // The same file again changes nothing.
  const again = mergeRecords(fw, record, viaFile(tutor));
  assert.deepEqual(again.summary.lines, []);
  assert.equal(R.serialize(fw, again.record), R.serialize(fw, record));
});

test("a corrected rating in a new export is applied and counted as changed", () => {
  const { rec: trainer, cp } = start();
  const phone = viaFile(trainer);
  rateAll(phone, cp, "trainee", 3, PHONE);
  let { record } = mergeRecords(fw, trainer, viaFile(phone));
  R.setRating(fw, phone, cp, "trainee", "skill-c", 1, 1, PHONE);
  const got = mergeRecords(fw, record, viaFile(phone));
  assert.deepEqual(got.summary.lines, [{ checkpoint: cp, rater: "trainee", added: 0, changed: 1, conflicts: 0, notes: 0 }]);
  assert.equal(R.entryOf(got.record, cp, "trainee", "skill-c").indicators[1].value, 1);
  // An older file does not undo the correction.
  record = got.record;
  const old = mergeRecords(fw, record, viaFile(trainer));
  assert.equal(R.entryOf(old.record, cp, "trainee", "skill-c").indicators[1].value, 1);
});

test("the same rater's indicator changed on two devices is a conflict the user settles", () => {
  const { rec: trainer, cp } = start();
  const phone = viaFile(trainer);
  rateAll(phone, cp, "trainee", 3, PHONE);
  const first = mergeRecords(fw, trainer, viaFile(phone)).record;
  // At the centre, the trainee changes one rating on the trainer's laptop (knowing the old one)...
  R.setRating(fw, first, cp, "trainee", "skill-a", 0, 4, CENTRE);
  // ... a re-import of the old phone file is no conflict: the laptop's value was chosen over it.
  assert.deepEqual(mergeRecords(fw, first, viaFile(phone)).summary.conflicts, []);
  // ... but then changes it on the phone too, without knowing: a real conflict.
  R.setRating(fw, phone, cp, "trainee", "skill-a", 0, 2, PHONE);
  const { record, summary } = mergeRecords(fw, first, viaFile(phone));
  assert.equal(summary.conflicts.length, 1);
  const [c] = summary.conflicts;
  assert.deepEqual([c.rater, c.skill, c.index, c.mine.value, c.theirs.value], ["trainee", "skill-a", 0, 4, 2]);
  assert.equal(summary.lines[0].conflicts, 1);
  assert.equal(R.entryOf(record, cp, "trainee", "skill-a").indicators[0].value, 4, "left as it is until chosen");
  // Take the file's value: the next import of that file is quiet.
  assert.ok(resolveConflict(record, c, "theirs"));
  assert.equal(R.entryOf(record, cp, "trainee", "skill-a").indicators[0].value, 2);
  assert.deepEqual(mergeRecords(fw, record, viaFile(phone)).summary.conflicts, []);
  // Keep mine instead: quiet too, and the phone takes the kept value when it imports.
  const other = mergeRecords(fw, first, viaFile(phone)).record;
  assert.ok(resolveConflict(other, c, "mine"));
  assert.deepEqual(mergeRecords(fw, other, viaFile(phone)).summary.conflicts, []);
  const back = mergeRecords(fw, phone, viaFile(other));
  assert.deepEqual(back.summary.conflicts, []);
  assert.equal(R.entryOf(back.record, cp, "trainee", "skill-a").indicators[0].value, 4);
  // A conflict that is out of date (the value changed since) is not applied.
  R.setRating(fw, other, cp, "trainee", "skill-a", 0, 1, CENTRE);
  assert.equal(resolveConflict(other, c, "theirs"), false);
  assert.equal(R.entryOf(other, cp, "trainee", "skill-a").indicators[0].value, 1);
});

test("compare: the rules for one value", () => {
  const s = (value, at, device, decided) => ({ value, at: `2025-01-0${at}T00:00:00.000Z`, device, ...(decided ? { decided: `2025-01-0${decided}T00:00:00.000Z` } : {}) });
  assert.equal(compare(null, s(1, 1, PHONE)), "add");
  assert.equal(compare(s(1, 1, PHONE), s(1, 2, LAPTOP)), "same");
  assert.equal(compare(s(1, 1, PHONE), s(2, 2, PHONE)), "take");
  assert.equal(compare(s(1, 2, PHONE), s(2, 1, PHONE)), "keep");
  assert.equal(compare(s(1, 1, PHONE), s(2, 2, LAPTOP, 1)), "take");
  assert.equal(compare(s(1, 2, PHONE, 1), s(2, 1, LAPTOP)), "keep");
  assert.equal(compare(s(1, 1, PHONE), s(2, 2, LAPTOP)), "conflict");
});

test("two checkpoints made apart are merged into one; files that name the old one follow it", () => {
  // The French trainee and the German tutor each made "the first checkpoint" themselves.
  const { rec: trainer, cp } = start();
  const phone = viaFile(trainer);
  const own = R.newCheckpoint("start", "2025-03-14");
  phone.checkpoints.push(own);
  rateAll(phone, own.id, "trainee", 2, PHONE);
  let { record } = mergeRecords(fw, trainer, viaFile(phone));
  assert.equal(R.liveCheckpoints(record).length, 2);
  const moved = mergeCheckpoints(fw, record, own.id, cp);
  assert.equal(moved.lines[0].added, 48);
  assert.deepEqual(R.liveCheckpoints(record).map((c) => c.id), [cp]);
  assert.equal(R.progress(fw, record, cp, "trainee").rated, 48);
  assert.equal(R.resolveCheckpoint(record, own.id).id, cp);
  // The phone's next file, with a correction in its own checkpoint, lands in the merged one.
  R.setRating(fw, phone, own.id, "trainee", "skill-d", 3, 4, PHONE);
  const next = mergeRecords(fw, record, viaFile(phone));
  assert.equal(next.summary.lines[0].checkpoint, cp);
  assert.equal(next.summary.lines[0].changed, 1);
  assert.equal(R.liveCheckpoints(next.record).length, 1, "the old checkpoint does not come back");
  // And the phone, importing the trainer's file, merges its checkpoint the same way.
  const back = mergeRecords(fw, phone, viaFile(next.record));
  assert.deepEqual(R.liveCheckpoints(back.record).map((c) => c.id), [cp]);
  assert.equal(back.summary.merged[0].from, own.id);
  record = back.record;
  assert.equal(R.entryOf(record, cp, "trainee", "skill-d").indicators[3].value, 4);
});

test("a deleted checkpoint stays deleted, and what a file still has for it is counted, not hidden", () => {
  const { rec, cp } = start();
  const other = viaFile(rec);
  rateAll(other, cp, "tutor", 3, LAPTOP);
  const kept = copy(rec);
  deleteCheckpoint(rec, cp, "2030-01-01T00:00:00.000Z");
  const { record, summary } = mergeRecords(fw, rec, viaFile(other));
  assert.equal(R.liveCheckpoints(record).length, 0);
  assert.equal(summary.skipped.deleted, 48);
  // The device that still has it is told that it was deleted.
  const there = mergeRecords(fw, viaFile(other), viaFile(rec));
  assert.deepEqual(there.summary.deleted.map((d) => [d.id, d.ratings]), [[cp, 48]]);
  assert.equal(R.liveCheckpoints(kept).length, 1);
});

test("a locked checkpoint takes no more ratings from files", () => {
  const { rec, cp } = start();
  const tutor = viaFile(rec);
  R.setLocked(rec, cp, true, CENTRE);
  rateAll(tutor, cp, "tutor", 3, LAPTOP);
  const { record, summary } = mergeRecords(fw, rec, viaFile(tutor));
  assert.equal(summary.skipped.locked, 48);
  assert.equal(R.progress(fw, record, cp, "tutor").rated, 0);
  // The lock travels: the tutor's device locks it too, and keeps the tutor's ratings.
  const there = mergeRecords(fw, tutor, viaFile(rec));
  assert.ok(R.isLocked(R.checkpointOf(there.record, cp)));
  assert.equal(R.progress(fw, there.record, cp, "tutor").rated, 48);
});

test("the review (agreed levels, actions, next date) follows the newest change", () => {
  const { rec, cp } = start();
  const other = viaFile(rec);
  R.setAgreed(rec, cp, "skill-a", 2, CENTRE);
  R.addAction(rec, cp, { skill: "skill-a", text: "Module", due: "2025-04-01", who: "Tutor" }, CENTRE);
  R.setAgreed(other, cp, "skill-a", 3, LAPTOP);
  const { record } = mergeRecords(fw, rec, viaFile(other));
  const c = R.checkpointOf(record, cp);
  assert.equal(c.review.agreed["skill-a"].value, 3);
  assert.equal(c.review.actions.length, 1);
});

test("records of one person made apart are joined; the joined id keeps working", () => {
  const a = start();
  const b = start();
  rateAll(b.rec, b.cp, "tutor", 3, LAPTOP);
  const { record } = mergeTrainees(fw, a.rec, b.rec);
  assert.equal(record.trainee.id, a.rec.trainee.id);
  assert.deepEqual(record.trainee.aliases, [b.rec.trainee.id]);
  assert.equal(record.trainee.name, "Léa");
  assert.equal(R.liveCheckpoints(record).length, 2);
  assert.equal(R.progress(fw, record, b.cp, "tutor").rated, 48);
});
