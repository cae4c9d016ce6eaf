/* An OpenBadgeCredential (Open Badges 3.0, B.1.2 AchievementCredential) for one skill of one
 * trainee, from the Achievement the site publishes. It carries only what the trainee agreed
 * to: their name, or an IdentityObject (B.1.12) whose identityHash is "sha256$" and the hex
 * SHA-256 of the name followed by a random salt (B.7 IdentityHash), so that only someone
 * who already knows the name can check it. */

import { utf8, hex } from "./b64.js";

export const TYPES = ["VerifiableCredential", "OpenBadgeCredential"];
export const SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019";

/** A name as it is hashed and compared: Unicode NFC, single spaces, no spaces around. */
export function normalName(name) {
  return String(name || "").normalize("NFC").replace(/\s+/g, " ").trim();
}

async function sha256(bytes) {
  return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes));
}

export function randomSalt() {
  return hex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** The recipient: the name in clear (hashed false) or its salted hash (hashed true). */
export async function identityObject(name, { hidden, salt = randomSalt() } = {}) {
  const clean = normalName(name);
  if (!clean) throw new Error("name");
  if (!hidden) return { type: "IdentityObject", hashed: false, identityHash: clean, identityType: "name" };
  return { type: "IdentityObject", hashed: true, identityHash: `sha256$${hex(await sha256(utf8(clean + salt)))}`, identityType: "name", salt };
}

/** Does `name` match an identity object? (Plain names compare after normalising.) */
export async function identityMatches(identity, name) {
  const clean = normalName(name);
  if (!identity || identity.identityType !== "name" || !clean) return false;
  if (!identity.hashed) return normalName(identity.identityHash) === clean;
  const m = /^sha256\$([0-9a-fA-F]{64})$/.exec(String(identity.identityHash));
  if (!m) return false;
  return hex(await sha256(utf8(clean + (identity.salt || "")))) === m[1].toLowerCase();
}

/** A stable, meaningless subject id for one trainee of one kit: the JWT "sub" needs one
 * (8.2.4), and it must not reveal the name. A UUID (RFC 9562, version 8) of a SHA-256. */
export async function subjectId(kit, traineeId) {
  const b = (await sha256(utf8(`${kit}:${traineeId}`))).slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = hex(b);
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A date-time to the second in UTC, as validFrom needs it (the JWT nbf is in seconds). */
export function isoSecond(date) {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The achievement as it goes into a credential: the published one without its JSON-LD
 * context (the credential's applies) and without its links to the other languages. */
export function embedded(achievement) {
  const { "@context": context, related, ...rest } = achievement;
  return rest;
}

/**
 * @param o.achievement the published Achievement of the skill (this language)
 * @param o.issuer the issuer Profile {id, type, name, url}
 * @param o.contexts [VC 2.0 context, OB 3.0.3 context]; o.schema the credential's JSON Schema URL
 * @param o.subject the subject id (subjectId); o.identity an IdentityObject
 * @param o.level the agreed level; o.reviewDate "YYYY-MM-DD"; o.now a Date
 */
export function makeCredential(o) {
  const now = isoSecond(o.now || new Date());
  const achievement = embedded(o.achievement);
  const result = (achievement.resultDescription || [])[0];
  const subject = {
    id: o.subject,
    type: ["AchievementSubject"],
    identifier: [o.identity],
    achievement,
  };
  if (result) subject.result = [{ type: ["Result"], resultDescription: result.id, value: String(o.level) }];
  if (o.reviewDate) subject.activityEndDate = `${o.reviewDate}T00:00:00Z`;
  return {
    "@context": o.contexts.slice(),
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: TYPES.slice(),
    name: achievement.name,
    issuer: { ...o.issuer, type: ["Profile"] },
    validFrom: now,
    awardedDate: now,
    credentialSubject: subject,
    credentialSchema: [{ id: o.schema, type: SCHEMA_TYPE }],
  };
}

/** Which skills earn a badge at a review: the agreed level is final (set at the review), at
 * least `rule.level`, and at least `rule.raters` raters rated the skill there.
 * @param skills [{id, agreed: {value, final}, rated: number of raters who rated it}] */
export function reached(rule, skills) {
  if (!rule) return [];
  return skills.filter((s) => s.agreed && s.agreed.final && Number.isInteger(s.agreed.value) && s.agreed.value >= rule.level && s.rated >= rule.raters);
}
