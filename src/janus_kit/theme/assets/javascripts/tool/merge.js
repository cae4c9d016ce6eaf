/* Bringing records together: a file into this device's copy, one checkpoint into another,
 * one trainee's record into another's. The unit is one stamped value (a rating of one
 * indicator by one rater at one checkpoint, or a note). For each:
 * - nothing here yet: added;
 * - the same value: nothing to do;
 * - set on the same device: the newer one wins (a correction), counted as changed;
 * - set on different devices: the one that was chosen knowing the other wins (its
 *   `decided` is at or after the other's time); otherwise it is a real conflict, left as
 *   it is here and listed for the user to choose.
 * Checkpoint facts and the review follow the newest change. Nothing is lost silently:
 * what is skipped is counted, and the caller keeps the copy from before for undo. */

import { dict, own, copy, laterOf } from "./util.js";
import { ensureEntry, entryOf, checkpointOf, resolveCheckpoint, isLocked, LIMITS } from "./record.js";

/** What to do with an incoming stamped value: add, same, take, keep or conflict. */
export function compare(mine, theirs) {
  if (!theirs) return "keep";
  if (!mine) return "add";
  if (mine.value === theirs.value) return "same";
  if (mine.device === theirs.device) return theirs.at > mine.at ? "take" : "keep";
  if (theirs.decided && theirs.decided >= mine.at) return "take";
  if (mine.decided && mine.decided >= theirs.at) return "keep";
  return "conflict";
}

const newer = (mine, theirs) => (theirs && (!mine || theirs.at > mine.at) ? copy(theirs) : mine);

function counter(summary, cp, rater) {
  let line = summary.lines.find((l) => l.checkpoint === cp && l.rater === rater);
  if (!line) summary.lines.push((line = { checkpoint: cp, rater, added: 0, changed: 0, conflicts: 0, notes: 0 }));
  return line;
}

function emptySummary(traineeId) {
  return { trainee: traineeId, isNew: false, lines: [], newCheckpoints: [], deleted: [], merged: [], skipped: { locked: 0, deleted: 0 }, conflicts: [] };
}

/** Apply one skill's entry of `rater` onto checkpoint `to` of `rec`. */
function applyEntry(fw, rec, to, rater, skill, entry, summary) {
  const target = ensureEntry(fw, rec, to, rater, skill);
  const line = counter(summary, to, rater);
  entry.indicators.forEach((theirs, index) => {
    const mine = target.indicators[index];
    const what = compare(mine, theirs);
    if (what === "add" || what === "take") {
      target.indicators[index] = copy(theirs);
      line[what === "add" ? "added" : "changed"]++;
    } else if (what === "conflict") {
      line.conflicts++;
      summary.conflicts.push({ trainee: rec.trainee.id, checkpoint: to, rater, skill, index, mine: copy(mine), theirs: copy(theirs) });
    }
  });
  const what = compare(target.note, entry.note);
  if (what === "add" || what === "take") {
    target.note = copy(entry.note);
    line.notes++;
  } else if (what === "conflict") {
    line.conflicts++;
    summary.conflicts.push({ trainee: rec.trainee.id, checkpoint: to, rater, skill, index: -1, mine: copy(target.note), theirs: copy(entry.note) });
  }
}

function ratingsCount(byRater) {
  let n = 0;
  for (const rater of Object.keys(byRater || {})) {
    for (const skill of Object.keys(byRater[rater])) n += byRater[rater][skill].indicators.filter(Boolean).length;
  }
  return n;
}

function mergeReview(into, from) {
  for (const skill of Object.keys(from.agreed)) into.agreed[skill] = newer(own(into.agreed, skill), from.agreed[skill]);
  for (const action of from.actions) {
    const at = into.actions.findIndex((a) => a.id === action.id);
    if (at < 0) into.actions.push(copy(action));
    else into.actions[at] = newer(into.actions[at], action);
  }
  into.next = newer(into.next, from.next);
}

/** Move checkpoint `fromId`'s ratings and review into `intoId`; `fromId` stays as a
 * pointer to `intoId`, so files that still name it land in the right place. */
export function mergeCheckpoints(fw, rec, fromId, intoId, summary = emptySummary(rec.trainee.id)) {
  const from = checkpointOf(rec, fromId);
  const into = checkpointOf(rec, intoId);
  if (!from || !into || from === into) return summary;
  const byRater = own(rec.ratings, fromId) || dict();
  for (const rater of Object.keys(byRater)) {
    for (const skill of Object.keys(byRater[rater])) applyEntry(fw, rec, intoId, rater, skill, byRater[rater][skill], summary);
  }
  mergeReview(into.review, from.review);
  into.locked = newer(into.locked, from.locked);
  delete rec.ratings[fromId];
  const at = rec.checkpoints.indexOf(from);
  rec.checkpoints[at] = { id: fromId, gone: "merged", into: intoId, at: laterOf(from.at, into.at) };
  summary.merged.push({ from: fromId, into: intoId });
  return summary;
}

/** Delete a checkpoint and its ratings; a pointer stays so that old files do not bring it back. */
export function deleteCheckpoint(rec, id, at) {
  const cp = checkpointOf(rec, id);
  if (!cp) return;
  delete rec.ratings[id];
  rec.checkpoints[rec.checkpoints.indexOf(cp)] = { id, gone: "deleted", at };
}

/** Merge `incoming` (a valid record) into `local` (or null): returns {record, summary}.
 * `local` is not changed. */
export function mergeRecords(fw, local, incoming) {
  const summary = emptySummary(local ? local.trainee.id : incoming.trainee.id);
  if (!local) {
    const rec = copy(incoming);
    summary.isNew = true;
    summary.newCheckpoints = rec.checkpoints.filter((c) => !c.gone).map((c) => c.id);
    for (const cp of Object.keys(rec.ratings)) {
      for (const rater of Object.keys(rec.ratings[cp])) {
        const line = counter(summary, cp, rater);
        for (const skill of Object.keys(rec.ratings[cp][rater])) {
          const e = rec.ratings[cp][rater][skill];
          line.added += e.indicators.filter(Boolean).length;
          line.notes += e.note ? 1 : 0;
        }
      }
    }
    return { record: rec, summary };
  }
  const rec = copy(local);
  const lockedBefore = new Set(rec.checkpoints.filter((c) => isLocked(c)).map((c) => c.id));
  // Who the trainee is: the newest change wins; the ids of joined records are kept.
  const t = incoming.trainee;
  if (t.at > rec.trainee.at) Object.assign(rec.trainee, { code: t.code, name: t.name || rec.trainee.name, centre: t.centre || rec.trainee.centre, at: t.at });
  const aliases = new Set([...rec.trainee.aliases, ...t.aliases, t.id]);
  aliases.delete(rec.trainee.id);
  rec.trainee.aliases = [...aliases].slice(0, LIMITS.aliases);

  // Checkpoints: new ones are added, known ones get the newest facts; pointers are followed.
  const target = new Map();
  const live = incoming.checkpoints.filter((c) => !c.gone);
  const gone = incoming.checkpoints.filter((c) => c.gone);
  for (const cp of live) {
    const mine = rec.checkpoints.find((c) => c.id === cp.id);
    if (!mine) {
      rec.checkpoints.push(copy(cp));
      summary.newCheckpoints.push(cp.id);
      target.set(cp.id, cp.id);
    } else if (mine.gone) {
      const to = resolveCheckpoint(rec, mine.id);
      target.set(cp.id, to ? to.id : null);
    } else {
      if (cp.at > mine.at) Object.assign(mine, { kind: cp.kind, date: cp.date, label: cp.label, at: cp.at });
      mine.locked = newer(mine.locked, cp.locked);
      mergeReview(mine.review, cp.review);
      target.set(cp.id, mine.id);
    }
  }
  // Ratings, into the checkpoint each one belongs to here.
  for (const cp of Object.keys(incoming.ratings)) {
    const to = target.get(cp);
    const byRater = incoming.ratings[cp];
    if (!to) {
      summary.skipped.deleted += ratingsCount(byRater);
      continue;
    }
    if (lockedBefore.has(to)) {
      for (const rater of Object.keys(byRater)) {
        for (const skill of Object.keys(byRater[rater])) {
          const here = entryOf(rec, to, rater, skill);
          byRater[rater][skill].indicators.forEach((s, i) => {
            if (["add", "take", "conflict"].includes(compare(here && here.indicators[i], s))) summary.skipped.locked++;
          });
        }
      }
      continue;
    }
    for (const rater of Object.keys(byRater)) {
      for (const skill of Object.keys(byRater[rater])) applyEntry(fw, rec, to, rater, skill, byRater[rater][skill], summary);
    }
  }
  // What the file says was merged or deleted elsewhere happens here too.
  for (const cp of gone) {
    const mine = rec.checkpoints.find((c) => c.id === cp.id);
    if (!mine) {
      rec.checkpoints.push(copy(cp));
      continue;
    }
    if (mine.gone) continue;
    if (cp.gone === "merged") {
      const into = resolveCheckpoint(rec, cp.into);
      if (into && into.id !== mine.id) mergeCheckpoints(fw, rec, mine.id, into.id, summary);
    } else {
      summary.deleted.push({ id: mine.id, kind: mine.kind, date: mine.date, ratings: ratingsCount(own(rec.ratings, mine.id)) });
      deleteCheckpoint(rec, mine.id, cp.at);
    }
  }
  summary.lines = summary.lines.filter((l) => l.added || l.changed || l.conflicts || l.notes);
  return { record: rec, summary };
}

/** Join `source` (another record of the same person) into `target`. */
export function mergeTrainees(fw, target, source) {
  const relabelled = { ...copy(source), trainee: { ...copy(target.trainee), at: "0000-01-01T00:00:00.000Z", aliases: [...source.trainee.aliases, source.trainee.id] } };
  return mergeRecords(fw, target, relabelled);
}

/** Settle one conflict: "mine" keeps this device's value, "theirs" takes the file's.
 * Returns false if the value here changed since (the conflict is then out of date). */
export function resolveConflict(rec, conflict, choice) {
  const entry = entryOf(rec, conflict.checkpoint, conflict.rater, conflict.skill);
  if (!entry) return false;
  const here = conflict.index < 0 ? entry.note : entry.indicators[conflict.index];
  if (!here || here.at !== conflict.mine.at || here.value !== conflict.mine.value) return false;
  const chosen = choice === "theirs"
    ? { ...copy(conflict.theirs), decided: laterOf(conflict.theirs.decided, here.at) }
    : { ...here, decided: laterOf(here.decided, conflict.theirs.at) };
  if (conflict.index < 0) entry.note = chosen;
  else entry.indicators[conflict.index] = chosen;
  return true;
}
