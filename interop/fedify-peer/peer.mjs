// A test-only ActivityPub peer built on Fedify, for Muse's interop tests. One Person, kept in memory,
// driven over a small JSON API under /control/. Never run it on a public address: it allows private
// addresses and rewrites https loopback URLs to http (see rewriteLoopbackFetch).
import http from "node:http";
import { randomUUID } from "node:crypto";
import { Temporal } from "@js-temporal/polyfill";
import {
  createFederation, generateCryptoKeyPair, MemoryKvStore, SendActivityError, verifyRequestDetailed,
} from "@fedify/fedify";
import {
  Accept, Activity, Announce, Create, Delete, Endpoints, Follow, isActor, Like, Mention, Note, Person, PUBLIC_COLLECTION,
  Reject, Tombstone, Undo, Update,
} from "@fedify/vocab";

const PORT = Number.parseInt(process.env.PORT ?? "", 10);
if (!Number.isInteger(PORT) || PORT <= 0) {
  console.error("fedify-peer: set PORT to the port to listen on");
  process.exit(2);
}
const USERNAME = process.env.USERNAME || "alice";
const ORIGIN = `http://127.0.0.1:${PORT}`;
const HANDLE = `${USERNAME}@127.0.0.1:${PORT}`;
const MAX_BODY_BYTES = 1024 * 1024;

// acct: lookups always go to https://host/.well-known/webfinger; loopback peers speak plain http.
function rewriteLoopbackFetch() {
  const originalFetch = globalThis.fetch;
  const loopbackHttps = /^https:\/\/(127\.0\.0\.1|localhost)([:/]|$)/;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!loopbackHttps.test(url)) return originalFetch(input, init);
    const plain = "http://" + url.slice("https://".length);
    return originalFetch(input instanceof Request ? new Request(plain, input) : plain, init);
  };
}
rewriteLoopbackFetch();

const state = {
  keyPairs: [await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), await generateCryptoKeyPair("Ed25519")],
  followers: new Map(), // actor id -> { id, inboxId, endpoints }
  following: new Map(), // actor id -> { actor, followId, state: pending | accepted | rejected }
  notes: new Map(), // note id -> { note, create, recipients, deleted }
  log: [], // activities that passed our own HTTP signature check and reached a listener
  rejections: [], // inbox POSTs we refused, with the reason
  deliveries: [], // every outgoing activity and how the remote inbox answered
};

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin: ORIGIN,
  allowPrivateAddress: true,
  circuitBreaker: false,
  firstKnock: process.env.FIRST_KNOCK || "rfc9421",
});
const ctx = federation.createContext(new URL(ORIGIN), undefined);

federation.setActorDispatcher("/users/{identifier}", async (c, identifier) => {
  if (identifier !== USERNAME) return null;
  const keys = await c.getActorKeyPairs(identifier);
  return new Person({
    id: c.getActorUri(identifier),
    preferredUsername: identifier,
    name: `${identifier} (Fedify peer)`,
    summary: "A Fedify test peer for Muse interop tests.",
    url: c.getActorUri(identifier),
    inbox: c.getInboxUri(identifier),
    outbox: c.getOutboxUri(identifier),
    followers: c.getFollowersUri(identifier),
    following: c.getFollowingUri(identifier),
    endpoints: new Endpoints({ sharedInbox: c.getInboxUri() }),
    publicKey: keys[0].cryptographicKey,
    assertionMethods: keys.map((key) => key.multikey),
    manuallyApprovesFollowers: false,
    discoverable: true,
  });
}).setKeyPairsDispatcher((_, identifier) => (identifier === USERNAME ? state.keyPairs : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", (_, identifier) =>
  identifier === USERNAME ? { items: [...state.followers.values()] } : null);
federation.setFollowingDispatcher("/users/{identifier}/following", (_, identifier) =>
  identifier === USERNAME
    ? { items: [...state.following.values()].filter((f) => f.state === "accepted").map((f) => new URL(f.actor)) }
    : null);
federation.setOutboxDispatcher("/users/{identifier}/outbox", (_, identifier) =>
  identifier === USERNAME
    ? { items: [...state.notes.values()].filter((n) => !n.deleted).map((n) => n.create).reverse() }
    : null);
federation.setObjectDispatcher(Note, "/users/{identifier}/notes/{id}", (c, { identifier, id }) => {
  const entry = state.notes.get(c.getObjectUri(Note, { identifier, id }).href);
  return entry && !entry.deleted ? entry.note : null;
});

function recordActivity(c, activity, extra = {}) {
  const { raw, signature, inbox } = c.data;
  const object = raw?.object;
  state.log.push({
    seq: state.log.length + 1,
    received_at: new Date().toISOString(),
    type: raw?.type ?? activity.constructor.name,
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    object: activity.objectId?.href ?? (typeof object === "string" ? object : object?.id ?? null),
    object_type: typeof object === "object" && object !== null ? object.type ?? null : null,
    content: typeof object === "object" && object !== null ? object.content ?? null : null,
    inbox,
    signature,
    has_proof: raw?.proof != null,
    ...extra,
    activity: raw,
  });
}

// Accepts go out on their own turn of the event loop, so a failing Accept never turns the Follow's
// delivery into an error; /control/deliveries shows how it went.
function deliverLater(recipients, activity) {
  setImmediate(() => deliver(recipients, activity).catch(() => {}));
}

function followOf(activity) {
  const id = activity.objectId?.href;
  return [...state.following.values()].find((f) => f.followId === id || f.actor === activity.actorId?.href);
}

federation.setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (c, follow) => {
    if (c.parseUri(follow.objectId)?.identifier !== USERNAME || follow.id == null) {
      recordActivity(c, follow, { outcome: "ignored: not a follow of this actor" });
      return;
    }
    const follower = await follow.getActor(c);
    if (!isActor(follower) || follower.id == null) {
      recordActivity(c, follow, { outcome: "ignored: follower actor not found" });
      return;
    }
    state.followers.set(follower.id.href, {
      id: follower.id, inboxId: follower.inboxId, endpoints: follower.endpoints,
    });
    recordActivity(c, follow, { outcome: "accepted" });
    deliverLater(follower, new Accept({
      id: new URL(`${ORIGIN}/activities/${randomUUID()}`),
      actor: c.getActorUri(USERNAME),
      object: follow,
      to: follower.id,
    }));
  })
  .on(Accept, async (c, accept) => {
    const follow = followOf(accept);
    if (follow) follow.state = "accepted";
    recordActivity(c, accept, { outcome: follow ? "follow accepted" : "ignored: no matching follow" });
  })
  .on(Reject, async (c, reject) => {
    const follow = followOf(reject);
    if (follow) follow.state = "rejected";
    recordActivity(c, reject, { outcome: follow ? "follow rejected" : "ignored: no matching follow" });
  })
  .on(Undo, async (c, undo) => {
    const inner = await undo.getObject(c).catch(() => null);
    if (inner instanceof Follow && inner.actorId?.href === undo.actorId?.href) {
      state.followers.delete(undo.actorId.href);
      recordActivity(c, undo, { outcome: "follower removed", undone_type: "Follow" });
    } else {
      recordActivity(c, undo, { undone_type: inner?.constructor?.name ?? null });
    }
  })
  .on(Create, async (c, create) => recordActivity(c, create))
  .on(Update, async (c, update) => recordActivity(c, update))
  .on(Delete, async (c, del) => recordActivity(c, del))
  .on(Like, async (c, like) => recordActivity(c, like))
  .on(Announce, async (c, announce) => recordActivity(c, announce))
  .on(Activity, async (c, activity) => recordActivity(c, activity));

// Fedify accepts an activity whose HTTP signature fails when the body carries a valid proof, so every
// inbox POST is checked here first, strictly: a signature over the body, by a key its actor owns.
async function checkSignature(request, raw) {
  const scheme = request.headers.has("signature-input") ? "rfc9421" : "draft-cavage";
  const result = await verifyRequestDetailed(request.clone(), {
    documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader,
  });
  if (!result.verified) {
    return { ok: false, scheme, key_id: result.reason.keyId?.href ?? null, reason: result.reason.type };
  }
  const key_id = result.key.id?.href ?? null;
  if (scheme === "rfc9421") {
    const components = coveredComponents(request.headers.get("signature-input"), result.signatureLabel);
    const missing = ["@method", "@target-uri", "content-digest"].filter((c) => !components.includes(c));
    if (missing.length > 0) return { ok: false, scheme, key_id, reason: `not covered: ${missing.join(", ")}` };
  }
  const actor = typeof raw?.actor === "string" ? raw.actor : raw?.actor?.id;
  const owner = result.key.ownerId?.href;
  if (owner == null || owner !== actor) {
    return { ok: false, scheme, key_id, reason: `key owner ${owner} is not the activity's actor ${actor}` };
  }
  return { ok: true, scheme, key_id, label: result.signatureLabel ?? null };
}

function coveredComponents(signatureInput, label) {
  const match = new RegExp(`(?:^|,)\\s*${label}=\\(([^)]*)\\)`).exec(signatureInput ?? "");
  return match ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1].toLowerCase()) : [];
}

function isInboxPost(request) {
  const path = new URL(request.url).pathname;
  return request.method === "POST" && (path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path));
}

async function handleInbox(request) {
  let raw;
  try {
    raw = JSON.parse(await request.clone().text());
  } catch {
    return json(400, { error: "body is not JSON" });
  }
  const { ok, ...signature } = await checkSignature(request, raw);
  if (!ok) {
    state.rejections.push({
      received_at: new Date().toISOString(), path: new URL(request.url).pathname,
      type: raw?.type ?? null, id: raw?.id ?? null, ...signature,
    });
    return json(401, { error: `HTTP signature not accepted (${signature.scheme}): ${signature.reason}` });
  }
  const inbox = new URL(request.url).pathname === "/inbox" ? "shared" : "personal";
  return federation.fetch(request, { contextData: { raw, signature, inbox } });
}

async function deliver(recipients, activity) {
  const targets = [recipients].flat();
  const record = {
    at: new Date().toISOString(), type: activity.constructor.name, id: activity.id?.href,
    to: recipients === "followers" ? "followers" : targets.map((r) => r.id?.href),
  };
  state.deliveries.push(record);
  try {
    await ctx.sendActivity({ identifier: USERNAME }, recipients, activity);
    record.ok = true;
  } catch (error) {
    Object.assign(record, { ok: false, error: String(error.message ?? error) }, remoteFailure(error));
    throw error;
  }
}

function remoteFailure(error) {
  return error instanceof SendActivityError
    ? { remote_status: error.statusCode, remote_body: error.responseBody, inbox: error.inbox?.href }
    : {};
}

async function signedLoader() {
  return await ctx.getDocumentLoader({ identifier: USERNAME });
}

async function lookupActor(target) {
  if (typeof target !== "string" || target === "") throw new ControlError(400, "give a handle or an actor URL");
  const actor = await ctx.lookupObject(target.trim(), { documentLoader: await signedLoader() });
  if (!isActor(actor) || actor.id == null) throw new ControlError(404, `no actor found for ${target}`);
  return actor;
}

function actorSummary(actor) {
  return {
    id: actor.id.href,
    type: actor.constructor.name,
    preferred_username: actor.preferredUsername?.toString() ?? null,
    name: actor.name?.toString() ?? null,
    inbox: actor.inboxId?.href ?? null,
    shared_inbox: actor.endpoints?.sharedInbox?.href ?? null,
    outbox: actor.outboxId?.href ?? null,
    followers: actor.followersId?.href ?? null,
    following: actor.followingId?.href ?? null,
    public_key_ids: actor.publicKeyIds.map((id) => id.href),
    assertion_method_ids: actor.assertionMethodIds.map((id) => id.href),
  };
}

class ControlError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const PUBLIC = PUBLIC_COLLECTION;
const controlRoutes = {
  "GET /control/health": async () => ({ status: "ok", origin: ORIGIN, actor: ctx.getActorUri(USERNAME).href, handle: HANDLE }),
  "GET /control/log": async () => state.log,
  "GET /control/rejections": async () => state.rejections,
  "GET /control/deliveries": async () => state.deliveries,
  "GET /control/followers": async () => [...state.followers.keys()],
  "GET /control/following": async () =>
    [...state.following.values()].map((f) => ({ actor: f.actor, follow_id: f.followId, state: f.state })),
  "POST /control/lookup": async (body) => actorSummary(await lookupActor(body.handle ?? body.actor)),
  // Any object by its URL, fetched with a GET signed as this peer's actor (what authorized-fetch servers require).
  "POST /control/fetch": async (body) => {
    if (typeof body.url !== "string" || body.url === "") throw new ControlError(400, "give a url");
    const object = await ctx.lookupObject(body.url, { documentLoader: await signedLoader() });
    if (object == null || object.id == null) throw new ControlError(404, `nothing readable at ${body.url}`);
    return { id: object.id.href, type: object.constructor.name, content: object.content?.toString() ?? null };
  },
  "POST /control/webfinger": async (body) => {
    const jrd = await ctx.lookupWebFinger(body.resource);
    if (jrd == null) throw new ControlError(404, `no WebFinger answer for ${body.resource}`);
    return jrd;
  },
  "POST /control/follow": async (body) => {
    const actor = await lookupActor(body.handle ?? body.actor);
    const follow = new Follow({
      id: new URL(`${ORIGIN}/follows/${randomUUID()}`), actor: ctx.getActorUri(USERNAME), object: actor.id, to: actor.id,
    });
    state.following.set(actor.id.href, { actor: actor.id.href, followId: follow.id.href, state: "pending", follow });
    await deliver(actor, follow);
    const entry = state.following.get(actor.id.href);
    return { actor: actor.id.href, follow_id: follow.id.href, state: entry.state };
  },
  "POST /control/unfollow": async (body) => {
    const actor = await lookupActor(body.handle ?? body.actor);
    const entry = state.following.get(actor.id.href);
    if (entry == null) throw new ControlError(404, `not following ${actor.id.href}`);
    const undo = new Undo({
      id: new URL(`${ORIGIN}/activities/${randomUUID()}`), actor: ctx.getActorUri(USERNAME), object: entry.follow, to: actor.id,
    });
    await deliver(actor, undo);
    state.following.delete(actor.id.href);
    return { actor: actor.id.href, undo_id: undo.id.href };
  },
  "POST /control/note": async (body) => {
    if (typeof body.content !== "string" || body.content === "") throw new ControlError(400, "content is required");
    const audience = body.to ?? "public";
    const followersUri = ctx.getFollowersUri(USERNAME);
    const direct = Array.isArray(audience) ? await Promise.all(audience.map(lookupActor)) : [];
    if (!Array.isArray(audience) && audience !== "public" && audience !== "followers") {
      throw new ControlError(400, 'to must be "public", "followers" or a list of actor URLs or handles');
    }
    if (body.mentions != null && !Array.isArray(body.mentions)) {
      throw new ControlError(400, "mentions must be a list of actor URLs or handles");
    }
    // mentioned actors get a Mention tag, are copied (cc) and are delivered to, as Mastodon does for a reply
    const mentioned = await Promise.all((body.mentions ?? []).map(lookupActor));
    const mentionCcs = mentioned.map((a) => a.id);
    const addressing = audience === "public" ? { to: PUBLIC, ccs: [followersUri, ...mentionCcs] }
      : audience === "followers" ? { to: followersUri, ccs: mentionCcs } : { tos: direct.map((a) => a.id) };
    const id = randomUUID();
    const note = new Note({
      id: ctx.getObjectUri(Note, { identifier: USERNAME, id }),
      attribution: ctx.getActorUri(USERNAME),
      content: body.content,
      published: Temporal.Now.instant(),
      replyTarget: body.in_reply_to ? new URL(body.in_reply_to) : null,
      tags: mentioned.map((a) => new Mention({ href: a.id, name: `@${a.preferredUsername}@${a.id.host}` })),
      ...addressing,
    });
    const create = new Create({
      id: new URL(`${note.id.href}/activity`), actor: ctx.getActorUri(USERNAME), object: note, published: note.published,
      ...addressing,
    });
    const recipients = Array.isArray(audience) ? direct : "followers";
    state.notes.set(note.id.href, { note, create, recipients, addressing, deleted: false });
    await deliver(recipients, create);
    if (mentioned.length > 0) await deliver(mentioned, create);
    return { id: note.id.href, activity_id: create.id.href };
  },
  "POST /control/delete": async (body) => {
    const entry = state.notes.get(body.id);
    if (entry == null || entry.deleted) throw new ControlError(404, `no note ${body.id} to delete`);
    entry.deleted = true;
    const del = new Delete({
      id: new URL(`${body.id}#delete`), actor: ctx.getActorUri(USERNAME),
      object: new Tombstone({ id: new URL(body.id) }), ...entry.addressing,
    });
    await deliver(entry.recipients, del);
    return { id: body.id, activity_id: del.id.href };
  },
};

async function handleControl(request) {
  const path = new URL(request.url).pathname;
  const route = controlRoutes[`${request.method} ${path}`];
  if (route == null) return json(404, { error: `no control route ${request.method} ${path}` });
  let body = {};
  if (request.method === "POST") {
    try {
      body = JSON.parse((await request.text()) || "{}");
    } catch {
      return json(400, { error: "body is not JSON" });
    }
  }
  try {
    return json(200, await route(body));
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.message });
    if (error instanceof SendActivityError) return json(502, { error: error.message, ...remoteFailure(error) });
    return json(500, { error: String(error?.message ?? error) });
  }
}

function deletedNote(request) {
  const entry = request.method === "GET" ? state.notes.get(request.url) : null;
  if (!entry?.deleted) return null;
  return new Response(JSON.stringify({
    "@context": "https://www.w3.org/ns/activitystreams", id: request.url, type: "Tombstone",
  }), { status: 410, headers: { "content-type": "application/activity+json" } });
}

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

async function route(request) {
  const path = new URL(request.url).pathname;
  if (path.startsWith("/control/")) return handleControl(request);
  if (isInboxPost(request)) return handleInbox(request);
  return deletedNote(request) ?? federation.fetch(request, { contextData: {} });
}

async function readBody(incoming) {
  const chunks = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ControlError(413, "body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const server = http.createServer(async (incoming, outgoing) => {
  let response;
  try {
    const headers = new Headers();
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i], incoming.rawHeaders[i + 1]);
    const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
    // The signer signed the URL it used, so the request URL is rebuilt from its Host header.
    const url = new URL(incoming.url, `http://${incoming.headers.host ?? `127.0.0.1:${PORT}`}`);
    const request = new Request(url, { method: incoming.method, headers, body: hasBody ? await readBody(incoming) : undefined });
    response = await route(request);
  } catch (error) {
    response = json(error instanceof ControlError ? error.status : 500, { error: String(error?.message ?? error) });
  }
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(PORT, "127.0.0.1", () => console.log(`fedify-peer ${HANDLE} listening on ${ORIGIN}`));
// Everything lives in memory, so there is nothing to flush: stop at once, open connections included.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
// A harness that keeps our stdin open can die without a word (kill -9, a crashed JVM): the pipe then
// closes, and the peer goes with it instead of lingering as an orphan.
if (process.env.EXIT_WITH_STDIN === "1") {
  process.stdin.on("end", () => process.exit(0)).on("error", () => process.exit(0)).resume();
}
