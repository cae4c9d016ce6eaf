/* Hand-off without a server, and the files the tool reads.
 * An invitation names a trainee (id, code, centre) and a checkpoint (id, kind, date): no
 * name and no rating, so it can travel in a link, a QR code or a small file. In a link it
 * sits in the fragment (#invite?...), which a browser never sends to any server. */

import { dict, isObj, own, isId, cleanLine, isDate } from "./util.js";
import { FORMAT, SCHEMA, LIMITS, emptyReview, validateRecord, migrateV1, toData } from "./record.js";

export const INVITE_FORMAT = "janus-kit-invitation";
export const BACKUP_FORMAT = "janus-kit-backup";
/** The stamp of facts that come from an invitation: any real change is newer. */
export const EARLY = "1970-01-01T00:00:00.000Z";

export function makeInvitation(fw, rec, cp) {
  return {
    format: INVITE_FORMAT,
    schema: SCHEMA,
    kit: fw.kit,
    trainee: { id: rec.trainee.id, code: rec.trainee.code, centre: rec.trainee.centre },
    checkpoint: { id: cp.id, kind: cp.kind, date: cp.date },
  };
}

/** Check an invitation (from a file or a link): {ok, invitation} or {ok: false, error}. */
export function validateInvitation(fw, data) {
  if (!isObj(data) || own(data, "format") !== INVITE_FORMAT) return { ok: false, error: "foreign" };
  if (own(data, "schema") !== SCHEMA) return { ok: false, error: "version", version: String(own(data, "schema")).slice(0, 20) };
  if (own(data, "kit") !== fw.kit) return { ok: false, error: "kit" };
  const t = own(data, "trainee");
  const c = own(data, "checkpoint");
  const keysOk = (o, names) => isObj(o) && Object.keys(o).every((k) => names.includes(k));
  const code = cleanLine(own(t, "code"), LIMITS.code);
  const centre = own(t, "centre") === undefined ? "" : cleanLine(own(t, "centre"), LIMITS.centre);
  const ok = Object.keys(data).every((k) => ["format", "schema", "kit", "trainee", "checkpoint"].includes(k))
    && keysOk(t, ["id", "code", "centre"]) && keysOk(c, ["id", "kind", "date"])
    && isId(own(t, "id"), "t") && code && centre !== null
    && isId(own(c, "id"), "c") && fw.kinds.includes(own(c, "kind")) && (own(c, "date") === "" || isDate(own(c, "date")));
  if (!ok) return { ok: false, error: "invitation" };
  return { ok: true, invitation: { format: INVITE_FORMAT, schema: SCHEMA, kit: fw.kit, trainee: { id: t.id, code, centre }, checkpoint: { id: c.id, kind: c.kind, date: c.date } } };
}

const PARAMS = { kit: "kit", trainee: "t", code: "code", centre: "centre", checkpoint: "cp", kind: "kind", date: "date" };

/** "#invite?kit=..&t=..": the fragment of an invitation link. */
export function invitationFragment(inv) {
  const p = new URLSearchParams();
  p.set(PARAMS.kit, inv.kit);
  p.set(PARAMS.trainee, inv.trainee.id);
  p.set(PARAMS.code, inv.trainee.code);
  if (inv.trainee.centre) p.set(PARAMS.centre, inv.trainee.centre);
  p.set(PARAMS.checkpoint, inv.checkpoint.id);
  p.set(PARAMS.kind, inv.checkpoint.kind);
  if (inv.checkpoint.date) p.set(PARAMS.date, inv.checkpoint.date);
  return `#invite?${p.toString()}`;
}

/** The invitation in a location's fragment: null if there is none, else as validateInvitation. */
export function readFragment(fw, hash) {
  if (typeof hash !== "string" || !hash.startsWith("#invite?") || hash.length > 2000) return null;
  const p = new URLSearchParams(hash.slice("#invite?".length));
  const known = Object.values(PARAMS);
  if ([...p.keys()].some((k) => !known.includes(k)) || [...p.keys()].length !== new Set(p.keys()).size) return { ok: false, error: "invitation" };
  return validateInvitation(fw, {
    format: INVITE_FORMAT,
    schema: SCHEMA,
    kit: p.get(PARAMS.kit),
    trainee: { id: p.get(PARAMS.trainee), code: p.get(PARAMS.code), centre: p.get(PARAMS.centre) || "" },
    checkpoint: { id: p.get(PARAMS.checkpoint), kind: p.get(PARAMS.kind), date: p.get(PARAMS.date) || "" },
  });
}

/** A record that holds just what an invitation says (its facts older than any real ones). */
export function recordFromInvitation(inv) {
  return {
    format: FORMAT,
    schema: SCHEMA,
    trainee: { id: inv.trainee.id, code: inv.trainee.code, name: "", centre: inv.trainee.centre, at: EARLY, aliases: [] },
    checkpoints: [{ id: inv.checkpoint.id, kind: inv.checkpoint.kind, date: inv.checkpoint.date, label: "", at: EARLY, locked: null, review: emptyReview() }],
    ratings: dict(),
  };
}

export function makeBackup(fw, records) {
  return { format: BACKUP_FORMAT, schema: SCHEMA, kit: fw.kit, records: records.map((r) => toData(fw, r)) };
}

/** Read the text of any file the tool takes: a record (version 2 or 1), an invitation or a
 * backup. {ok, kind, records, invitation?, migrated?} or {ok: false, error, where?, version?}. */
export function readFile(fw, text, { kinds } = {}) {
  if (text.length > LIMITS.backup) return { ok: false, error: "size" };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: "syntax" };
  }
  const format = own(data, "format");
  if (format === FORMAT) {
    if (text.length > LIMITS.file) return { ok: false, error: "size" };
    if (own(data, "schema") === 1) {
      const got = migrateV1(fw, data, { kinds });
      return got.ok ? { ok: true, kind: "record", records: [got.record], migrated: true } : got;
    }
    const got = validateRecord(fw, data);
    return got.ok ? { ok: true, kind: "record", records: [got.record] } : got;
  }
  if (format === INVITE_FORMAT) {
    const got = validateInvitation(fw, data);
    return got.ok ? { ok: true, kind: "invitation", records: [recordFromInvitation(got.invitation)], invitation: got.invitation } : got;
  }
  if (format === BACKUP_FORMAT) {
    if (own(data, "schema") !== SCHEMA) return { ok: false, error: "version", version: String(own(data, "schema")).slice(0, 20) };
    if (own(data, "kit") !== fw.kit) return { ok: false, error: "kit" };
    const list = own(data, "records");
    if (!Array.isArray(list) || Object.keys(data).some((k) => !["format", "schema", "kit", "records"].includes(k))) return { ok: false, error: "content", where: ["records"] };
    const records = [];
    for (let i = 0; i < list.length; i++) {
      const got = validateRecord(fw, list[i]);
      if (!got.ok) return { ...got, where: ["records", String(i), ...(got.where || [])] };
      records.push(got.record);
    }
    const ids = records.map((r) => r.trainee.id);
    if (new Set(ids).size !== ids.length) return { ok: false, error: "content", where: ["records"] };
    return { ok: true, kind: "backup", records };
  }
  return { ok: false, error: "foreign" };
}
