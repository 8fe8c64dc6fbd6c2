// Self-test of the peer: two instances (alice signing RFC 9421 first, bob draft-cavage first) federate
// with each other over loopback, then forged deliveries must be refused with 401.
// Run with the Node 22 binary from node_modules: `npm test`.
import { spawn } from "node:child_process";
import http from "node:http";
import { createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Temporal } from "@js-temporal/polyfill";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";

const PEER_SCRIPT = fileURLToPath(new URL("./peer.mjs", import.meta.url));
const results = [];
const peers = [];
const fakeServers = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startPeer(username, extraEnv = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [PEER_SCRIPT], {
    env: { ...process.env, PORT: String(port), USERNAME: username, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const peer = { username, port, child, output: "", base: `http://127.0.0.1:${port}` };
  child.stdout.on("data", (d) => { peer.output += d; });
  child.stderr.on("data", (d) => { peer.output += d; });
  peers.push(peer);
  await waitFor(`${username} to answer /control/health`, async () => {
    if (child.exitCode != null) throw new Error(`${username} exited (${child.exitCode}): ${peer.output}`);
    return (await fetch(`${peer.base}/control/health`).catch(() => null))?.ok;
  }, 20_000);
  peer.actor = `${peer.base}/users/${username}`;
  peer.handle = `${username}@127.0.0.1:${port}`;
  return peer;
}

async function waitFor(what, condition, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

async function control(peer, method, path, body) {
  const response = await fetch(`${peer.base}/control/${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} /control/${path} on ${peer.username}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function logEntry(peer, what, predicate) {
  return await waitFor(what, async () => (await control(peer, "GET", "log")).find(predicate));
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

async function postToInbox(inboxUrl, body, headers) {
  const response = await fetch(inboxUrl, {
    method: "POST", headers: { "content-type": "application/activity+json", ...headers }, body,
  });
  return response.status;
}

// Signs `body` as Fedify would, then sends `sentBody` (the same unless a test tampers with it).
async function signedPost(inboxUrl, body, privateKey, keyId, options, sentBody = body) {
  const unsigned = new Request(inboxUrl, {
    method: "POST", headers: { "content-type": "application/activity+json" }, body,
  });
  const signed = await signRequest(unsigned, privateKey, new URL(keyId), options);
  return await postToInbox(inboxUrl, sentBody, Object.fromEntries(signed.headers));
}

// Fedify always covers content-digest, so this signature over method, target, authority and date only
// is built by hand (RFC 9421 section 2.5), leaving the body unbound.
async function signRfc9421WithoutBody(url, privateKey, keyId) {
  const date = new Date().toUTCString();
  const params = `("@method" "@target-uri" "@authority" "date");alg="rsa-v1_5-sha256";keyid="${keyId}";` +
    `created=${Math.floor(Date.now() / 1000)}`;
  const base = [`"@method": POST`, `"@target-uri": ${url}`, `"@authority": ${new URL(url).host}`, `"date": ${date}`,
    `"@signature-params": ${params}`].join("\n");
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", privateKey, new TextEncoder().encode(base));
  return {
    date, "signature-input": `sig1=${params}`, signature: `sig1=:${Buffer.from(signature).toString("base64")}:`,
  };
}

// A tiny fake server hosting one actor document whose private key the test holds, so the test can
// sign deliveries by hand without Fedify's sending path.
async function startFakeActor(username) {
  const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const spki = Buffer.from(await crypto.subtle.exportKey("spki", keys.publicKey)).toString("base64");
  const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`;
  const port = await freePort();
  const actor = `http://127.0.0.1:${port}/users/${username}`;
  const document = JSON.stringify({
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
    id: actor, type: "Person", preferredUsername: username, inbox: `${actor}/inbox`,
    publicKey: { id: `${actor}#main-key`, owner: actor, publicKeyPem: pem },
  });
  const server = http.createServer((request, response) => {
    const found = request.url === `/users/${username}`;
    response.writeHead(found ? 200 : 404, { "content-type": "application/activity+json" });
    response.end(found ? document : "{}");
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  fakeServers.push(server);
  return { actor, keyId: `${actor}#main-key`, keys };
}

try {
  const alice = await startPeer("alice");
  const bob = await startPeer("bob", { FIRST_KNOCK: "draft-cavage-http-signatures-12" });
  let bobNote;
  let aliceCreateBody;

  await step("WebFinger: alice resolves acct:bob through the https-to-http rewrite", async () => {
    const jrd = await control(alice, "POST", "webfinger", { resource: `acct:${bob.handle}` });
    check(jrd.subject === `acct:${bob.handle}`, `subject ${jrd.subject}`);
    check(jrd.links.some((l) => l.rel === "self" && l.href === bob.actor), `no self link to ${bob.actor}`);
  });

  await step("actor lookup: alice reads bob's actor with RSA key and two Multikeys", async () => {
    const actor = await control(alice, "POST", "lookup", { handle: `@${bob.handle}` });
    check(actor.id === bob.actor && actor.type === "Person", `actor ${JSON.stringify(actor)}`);
    check(actor.inbox === `${bob.actor}/inbox` && actor.shared_inbox === `${bob.base}/inbox`, "inboxes");
    check(actor.public_key_ids.length === 1 && actor.assertion_method_ids.length === 2, "keys");
  });

  await step("follow with Accept: alice follows bob by handle (RFC 9421 signatures)", async () => {
    await control(alice, "POST", "follow", { handle: bob.handle });
    const follow = await logEntry(bob, "bob to log alice's Follow", (e) => e.type === "Follow" && e.actor === alice.actor);
    check(follow.signature.scheme === "rfc9421", `Follow verified with ${follow.signature.scheme}`);
    check(follow.signature.key_id === `${alice.actor}#main-key`, `key ${follow.signature.key_id}`);
    await logEntry(alice, "alice to log bob's Accept", (e) => e.type === "Accept" && e.actor === bob.actor);
    const following = await control(alice, "GET", "following");
    check(following.some((f) => f.actor === bob.actor && f.state === "accepted"), JSON.stringify(following));
    check((await control(bob, "GET", "followers")).includes(alice.actor), "alice is not among bob's followers");
  });

  await step("follow with Accept: bob follows alice by actor URL (draft-cavage signatures)", async () => {
    await control(bob, "POST", "follow", { actor: alice.actor });
    const follow = await logEntry(alice, "alice to log bob's Follow", (e) => e.type === "Follow" && e.actor === bob.actor);
    check(follow.signature.scheme === "draft-cavage", `Follow verified with ${follow.signature.scheme}`);
    await logEntry(bob, "bob to log alice's Accept", (e) => e.type === "Accept" && e.actor === alice.actor);
    const following = await control(bob, "GET", "following");
    check(following.some((f) => f.actor === alice.actor && f.state === "accepted"), JSON.stringify(following));
  });

  await step("Create(Note): bob's public note reaches his follower alice, verified", async () => {
    bobNote = (await control(bob, "POST", "note", { content: "<p>Hello from bob</p>" })).id;
    const create = await logEntry(alice, "alice to log bob's Create", (e) => e.type === "Create" && e.object === bobNote);
    check(create.object_type === "Note" && create.content === "<p>Hello from bob</p>", JSON.stringify(create));
    check(create.signature.scheme === "draft-cavage", `Create verified with ${create.signature.scheme}`);
    const fetched = await fetch(bobNote, { headers: { accept: "application/activity+json" } });
    check(fetched.status === 200 && (await fetched.json()).type === "Note", `GET note: ${fetched.status}`);
  });

  await step("Create(Note): alice's direct note reaches bob, verified", async () => {
    const noteId = (await control(alice, "POST", "note", { content: "<p>Hi bob</p>", to: [bob.actor] })).id;
    const create = await logEntry(bob, "bob to log alice's Create", (e) => e.type === "Create" && e.object === noteId);
    check(create.signature.scheme === "rfc9421", `Create verified with ${create.signature.scheme}`);
    check(create.has_proof, "Fedify's Create should carry an object integrity proof");
    aliceCreateBody = JSON.stringify(create.activity);
  });

  await step("Delete: bob deletes his note; alice logs it and the note answers 410", async () => {
    await control(bob, "POST", "delete", { id: bobNote });
    await logEntry(alice, "alice to log bob's Delete", (e) => e.type === "Delete" && e.object === bobNote);
    const fetched = await fetch(bobNote, { headers: { accept: "application/activity+json" } });
    check(fetched.status === 410, `GET deleted note: ${fetched.status}`);
  });

  await step("Undo(Follow): alice unfollows bob and leaves his followers", async () => {
    await control(alice, "POST", "unfollow", { actor: bob.actor });
    const undo = await logEntry(bob, "bob to log alice's Undo", (e) => e.type === "Undo" && e.actor === alice.actor);
    check(undo.undone_type === "Follow", JSON.stringify(undo));
    check(!(await control(bob, "GET", "followers")).includes(alice.actor), "alice is still among bob's followers");
  });

  await step("forgery: unsigned POST of alice's real Create (valid proof) to bob's inbox gets 401", async () => {
    const status = await postToInbox(`${bob.actor}/inbox`, aliceCreateBody, {});
    check(status === 401, `status ${status}`);
  });

  await step("forgery: alice's real Create (valid proof) re-signed by a key alice does not own gets 401", async () => {
    const before = (await control(bob, "GET", "rejections")).length;
    const forgerKeys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    for (const spec of ["rfc9421", "draft-cavage-http-signatures-12"]) {
      const status = await signedPost(`${bob.base}/inbox`, aliceCreateBody, forgerKeys.privateKey, `${alice.actor}#main-key`, { spec });
      check(status === 401, `${spec}: status ${status}`);
    }
    const rejections = await control(bob, "GET", "rejections");
    check(rejections.length === before + 2, `rejections ${JSON.stringify(rejections)}`);
  });

  const carol = await startFakeActor("carol");
  const carolCreate = (content) => JSON.stringify({
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${carol.actor}/notes/${encodeURIComponent(content)}/activity`, type: "Create", actor: carol.actor,
    to: ["https://www.w3.org/ns/activitystreams#Public"],
    object: {
      id: `${carol.actor}/notes/${encodeURIComponent(content)}`, type: "Note", attributedTo: carol.actor, content,
      to: ["https://www.w3.org/ns/activitystreams#Public"],
    },
  });

  await step("a hand-signed delivery from a plain (non-Fedify) actor is accepted with both schemes", async () => {
    for (const spec of ["rfc9421", "draft-cavage-http-signatures-12"]) {
      const body = carolCreate(`genuine ${spec}`);
      const status = await signedPost(`${bob.actor}/inbox`, body, carol.keys.privateKey, carol.keyId, { spec });
      check(status === 202, `${spec}: status ${status}`);
      const entry = await logEntry(bob, `bob to log carol's ${spec} Create`, (e) => e.content === `genuine ${spec}`);
      check(entry.signature.scheme === (spec === "rfc9421" ? "rfc9421" : "draft-cavage"), JSON.stringify(entry.signature));
      check(!entry.has_proof, "carol's activity has no proof, so only the HTTP signature vouched for it");
    }
  });

  await step("forgery: a body altered after signing gets 401 with both schemes", async () => {
    for (const spec of ["rfc9421", "draft-cavage-http-signatures-12"]) {
      const status = await signedPost(`${bob.actor}/inbox`, carolCreate("signed"), carol.keys.privateKey, carol.keyId,
        { spec }, carolCreate("tampered"));
      check(status === 401, `${spec}: status ${status}`);
    }
    check(!(await control(bob, "GET", "log")).some((e) => e.content === "tampered"), "a tampered activity was logged");
  });

  await step("forgery: a signature dated two hours ago gets 401", async () => {
    const twoHoursAgo = Temporal.Now.instant().subtract({ hours: 2 });
    for (const spec of ["rfc9421", "draft-cavage-http-signatures-12"]) {
      const status = await signedPost(`${bob.actor}/inbox`, carolCreate(`stale ${spec}`), carol.keys.privateKey,
        carol.keyId, { spec, currentTime: twoHoursAgo });
      check(status === 401, `${spec}: status ${status}`);
    }
  });

  await step("forgery: carol's valid signature on an activity claiming to be alice's gets 401", async () => {
    const impersonation = JSON.stringify({ ...JSON.parse(carolCreate("impersonation")), actor: alice.actor });
    const status = await signedPost(`${bob.actor}/inbox`, impersonation, carol.keys.privateKey, carol.keyId, { spec: "rfc9421" });
    check(status === 401, `status ${status}`);
  });

  await step("strictness: a valid RFC 9421 signature that does not cover content-digest gets 401", async () => {
    const inbox = `${bob.actor}/inbox`;
    const headers = await signRfc9421WithoutBody(inbox, carol.keys.privateKey, carol.keyId);
    const status = await postToInbox(inbox, carolCreate("uncovered body"), headers);
    check(status === 401, `status ${status}`);
    // The coverage check runs only once the signature itself has verified.
    const rejection = (await control(bob, "GET", "rejections")).at(-1);
    check(rejection.reason === "not covered: content-digest", JSON.stringify(rejection));
  });
} catch (error) {
  results.push({ name: "setup", ok: false });
  console.log(`FAIL setup: ${error.message}`);
} finally {
  for (const peer of peers) peer.child.kill("SIGTERM");
  for (const server of fakeServers) server.close();
}

const failed = results.filter((r) => !r.ok).length;
if (failed > 0) for (const peer of peers) console.log(`--- ${peer.username} output ---\n${peer.output}`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
