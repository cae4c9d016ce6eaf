import { test } from "node:test";
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import * as J from "../../src/janus_kit/theme/assets/javascripts/badges/jws.js";
import * as C from "../../src/janus_kit/theme/assets/javascripts/badges/credential.js";
import * as L from "../../src/janus_kit/theme/assets/javascripts/badges/link.js";
import { check } from "../../src/janus_kit/theme/assets/javascripts/badges/verify.js";
import { b64url, utf8, unb64url } from "../../src/janus_kit/theme/assets/javascripts/badges/b64.js";

const subtle = webcrypto.subtle;
const KID = "https://kit.test/badges/keys/abc.json";
const ISSUER = { id: "https://kit.test/badges/issuer.json", type: ["Profile"], name: "Centro Test", url: "https://centre.test/" };
const ACHIEVEMENT = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  id: "https://kit.test/badges/achievements/en/teamwork.json",
  type: ["Achievement"],
  name: "Working in a team",
  description: "Agreed level 3 or more.",
  criteria: { narrative: "Agreed at a review." },
  alignment: [{ type: ["Alignment"], targetName: "work in teams", targetUrl: "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0" }],
  resultDescription: [{ id: "https://kit.test/badges/achievements/en/teamwork.json#agreed-level", type: ["ResultDescription"], name: "Agreed level", resultType: "PerformanceLevel" }],
  related: [{ id: "https://kit.test/badges/achievements/fr/teamwork.json", type: ["Related"], inLanguage: "fr" }],
};

async function keyPair() {
  return subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
}

async function pem(privateKey) {
  const der = new Uint8Array(await subtle.exportKey("pkcs8", privateKey));
  const b64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

async function credential(now = new Date("2026-03-02T10:15:30.456Z")) {
  return C.makeCredential({
    achievement: ACHIEVEMENT,
    issuer: ISSUER,
    contexts: ACHIEVEMENT["@context"],
    schema: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    subject: await C.subjectId("kit", "t-abcdefghijkm"),
    identity: await C.identityObject("Léa  Martin", { hidden: true }),
    level: 3,
    reviewDate: "2026-03-01",
    now,
  });
}

let pairPromise;
const pair = () => (pairPromise ||= keyPair());
async function setup() {
  const keys = await pair();
  const jwk = J.publicJwk(await subtle.exportKey("jwk", keys.publicKey));
  const privateKey = await J.importPrivate(await pem(keys.privateKey), jwk);
  const data = { keys: { [KID]: jwk }, issuer: ISSUER, skills: { [ACHIEVEMENT.id]: "teamwork" }, achievements: {} };
  return { jwk, privateKey, data };
}

test("the IdentityHash of the spec's own example (B.7: 'a@example.com' salted with 'Kosher')", async () => {
  const id = await C.identityObject("a@example.com", { hidden: true, salt: "Kosher" });
  assert.equal(id.identityHash, "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399");
  assert.equal(await C.identityMatches(id, "a@example.com"), true);
  assert.equal(await C.identityMatches(id, "b@example.com"), false);
});

test("a hidden name matches the same name typed with other spaces, and never shows in the badge", async () => {
  const cred = await credential();
  const text = JSON.stringify(cred);
  assert.ok(!text.includes("Léa"), "the name is not in the credential");
  const id = cred.credentialSubject.identifier[0];
  assert.equal(id.hashed, true);
  assert.match(id.salt, /^[0-9a-f]{32}$/);
  assert.equal(await C.identityMatches(id, " Léa Martin "), true);
  assert.equal(await C.identityMatches(id, "Lea Martin"), false);
  const plain = await C.identityObject(" Ana   Pop ");
  assert.deepEqual(plain, { type: "IdentityObject", hashed: false, identityHash: "Ana Pop", identityType: "name" });
});

test("a credential has the OB 3.0 shape: contexts, types, whole seconds, subject id, no context inside", async () => {
  const cred = await credential();
  assert.deepEqual(cred.type, ["VerifiableCredential", "OpenBadgeCredential"]);
  assert.equal(cred.validFrom, "2026-03-02T10:15:30Z");
  assert.match(cred.id, /^urn:uuid:[0-9a-f-]{36}$/);
  assert.match(cred.credentialSubject.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(cred.credentialSubject.id, await C.subjectId("kit", "t-abcdefghijkm"), "stable per trainee");
  assert.notEqual(cred.credentialSubject.id, await C.subjectId("kit", "t-other0000000"));
  assert.equal(cred.credentialSubject.achievement["@context"], undefined);
  assert.equal(cred.credentialSubject.achievement.related, undefined);
  assert.deepEqual(cred.credentialSubject.result, [{ type: ["Result"], resultDescription: ACHIEVEMENT.resultDescription[0].id, value: "3" }]);
});

test("signing follows 8.2: header alg/kid/typ only, payload = credential + iss/jti/nbf/sub, RS256 over A.B", async () => {
  const { jwk, privateKey } = await setup();
  const cred = await credential();
  const jws = await J.sign(cred, privateKey, KID);
  const [a, b, e] = jws.split(".");
  assert.deepEqual(JSON.parse(Buffer.from(unb64url(a)).toString()), { alg: "RS256", kid: KID, typ: "JWT" });
  const payload = JSON.parse(Buffer.from(unb64url(b)).toString());
  assert.equal(payload.iss, ISSUER.id);
  assert.equal(payload.jti, cred.id);
  assert.equal(payload.sub, cred.credentialSubject.id);
  assert.equal(payload.nbf, Date.parse("2026-03-02T10:15:30Z") / 1000);
  assert.equal(unb64url(e).length, 256);
  const key = await J.importPublic(jwk);
  assert.equal(await subtle.verify(J.ALG, key, unb64url(e), utf8(`${a}.${b}`)), true);
  assert.equal(J.claimProblem(payload, Date.parse("2026-04-01T00:00:00Z")), null);
});

test("check: valid, then every kind of tampering or foreign key fails", async () => {
  const { privateKey, data } = await setup();
  const later = Date.parse("2026-04-01T00:00:00Z");
  const jws = await J.sign(await credential(), privateKey, KID);
  const ok = await check(jws, data, later);
  assert.equal(ok.status, "valid");
  assert.equal(ok.skill, "teamwork");
  assert.equal(ok.level, "3");

  const [a, b, e] = jws.split(".");
  const payload = JSON.parse(Buffer.from(unb64url(b)).toString());
  payload.credentialSubject.result[0].value = "4";
  const changed = `${a}.${b64url(utf8(JSON.stringify(payload)))}.${e}`;
  assert.equal((await check(changed, data, later)).status, "invalid", "a changed level");

  const none = `${b64url(utf8(JSON.stringify({ alg: "none", kid: KID })))}.${b}.`;
  assert.equal((await check(none, data, later)).status, "invalid", "alg none");

  const other = await keyPair();
  const wrong = await J.sign(await credential(), other.privateKey, KID);
  assert.equal((await check(wrong, data, later)).status, "invalid", "signed with another key");

  const elsewhere = await J.sign(await credential(), privateKey, "https://evil.test/key.json");
  const foreign = await check(elsewhere, data, later);
  assert.equal(foreign.status, "foreign");
  assert.equal(foreign.kid, "https://evil.test/key.json");

  assert.equal((await check(jws, data, Date.parse("2026-01-01T00:00:00Z"))).status, "not-yet");
  assert.equal((await check("not a badge", data, later)).status, "unreadable");
  assert.equal((await check("a.b.c", data, later)).status, "unreadable");
  const unsigned = await check(JSON.stringify(await credential()), data, later);
  assert.equal(unsigned.status, "unsigned");
  assert.equal(unsigned.skill, "teamwork");
});

test("claims that do not match the credential are caught even under a good signature", async () => {
  const { privateKey, data } = await setup();
  const cred = await credential();
  const sneaky = { ...cred, validFrom: cred.validFrom };
  // sign a payload whose sub differs from credentialSubject.id
  const header = b64url(utf8(JSON.stringify({ alg: "RS256", kid: KID, typ: "JWT" })));
  const body = b64url(utf8(JSON.stringify({ ...J.payloadOf(sneaky), sub: "urn:uuid:someone-else" })));
  const sig = new Uint8Array(await subtle.sign(J.ALG, privateKey, utf8(`${header}.${body}`)));
  const got = await check(`${header}.${body}.${b64url(sig)}`, data, Date.parse("2026-04-01T00:00:00Z"));
  assert.equal(got.status, "claims");
  assert.equal(got.field, "sub");
});

test("the private key: PEM or JWK, must be the site's pair, never a public key, never extractable", async () => {
  const { jwk } = await setup();
  const keys = await pair();
  const privateJwk = await subtle.exportKey("jwk", keys.privateKey);
  const fromJwk = await J.importPrivate(JSON.stringify(privateJwk), jwk);
  assert.equal(fromJwk.extractable, false);
  await assert.rejects(J.importPrivate(JSON.stringify(jwk), jwk), /key-file/);
  const other = await keyPair();
  await assert.rejects(J.importPrivate(await pem(other.privateKey), jwk), /key-mismatch/);
  await assert.rejects(J.importPrivate("x".repeat(J.MAX_KEY_FILE + 1), jwk), /key-file/);
  assert.throws(() => J.publicJwk(privateJwk), /jwk-private/);
});

test("a badge link round-trips, is far shorter than the badge, and a zip bomb is refused", async () => {
  const { privateKey, data } = await setup();
  const jws = await J.sign(await credential(), privateKey, KID);
  const link = await L.toLink("https://kit.test/verify/#old", jws);
  assert.match(link, /^https:\/\/kit\.test\/verify\/#z=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.equal(await L.fromLink(link), jws, "the very same JWS, byte for byte");
  assert.ok(link.length < 0.7 * jws.length, `${link.length} vs ${jws.length}`);
  const bad = link.slice(0, -3) + (link.endsWith("AAA") ? "BBB" : "AAA");
  assert.equal((await check(bad, data, Date.parse("2026-04-01T00:00:00Z"))).status, "invalid", "a changed signature");
  const unsigned = JSON.stringify(await credential());
  assert.equal(await L.fromLink(await L.toLink("https://kit.test/verify/", unsigned)), unsigned);
  assert.equal((await check(link, data, Date.parse("2026-04-01T00:00:00Z"))).status, "valid");
  assert.equal(await L.fromLink("https://kit.test/verify/"), null);
  const bomb = await L.toLink("https://kit.test/verify/", "0".repeat(L.MAX_TEXT + 10));
  await assert.rejects(L.fromLink(bomb), /too-big/);
  assert.equal((await check(bomb, data)).status, "too-big");
});

test("reached: the agreed level must be final, high enough, and rated by enough raters", () => {
  const rule = { level: 3, raters: 3 };
  const skills = [
    { id: "a", agreed: { value: 3, final: true }, rated: 3 },
    { id: "b", agreed: { value: 4, final: false }, rated: 3 },
    { id: "c", agreed: { value: 2, final: true }, rated: 3 },
    { id: "d", agreed: { value: 4, final: true }, rated: 2 },
    { id: "e", agreed: { value: 4, final: true }, rated: 3 },
  ];
  assert.deepEqual(C.reached(rule, skills).map((s) => s.id), ["a", "e"]);
  assert.deepEqual(C.reached(null, skills), []);
});
