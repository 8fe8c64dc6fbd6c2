// Muse conformance check: real Mastodon client libraries (masto, megalodon) drive sign-in, federation,
// streaming and notifications against two Muse instances, A and B. See interop/README.md.
//
// Input: one JSON argument (or the CONFORMANCE_CONFIG variable):
//   {"a": "http://127.0.0.1:8001", "b": "http://127.0.0.1:8002", "timeout_ms": 20000,
//    "accounts": {"masto":     {"local": {"username": "…", "password": "…"}, "remote": {…}},
//                 "megalodon": {"local": {…}, "remote": {…}}}}
// "local" lives on A, "remote" on B; each library gets its own pair, so each is proven on its own.
// Output: one JSON line per step, {"library", "step", "ok", "detail"}; the exit code is 1 when any failed.

import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient } from 'masto';
import { Mastodon } from 'megalodon';
import WebSocket from 'ws';

const REDIRECT_URI = 'http://127.0.0.1/conformance/callback';
const SCOPES = ['read', 'write', 'follow'];
const POLL_PAUSE_MS = 200;

/** Every step, in order; a library's run stops at its first failure and reports the rest as not reached. */
const STEPS = [
  'register_app_a', 'authorize_a', 'token_a', 'verify_credentials_a',
  'register_app_b', 'authorize_b', 'token_b', 'verify_credentials_b',
  'resolve_remote', 'follow', 'stream_open', 'local_post_streamed',
  'remote_post', 'stream_update', 'stream_notification', 'home_timeline', 'mention_notification',
  'favourite', 'favourite_notification_b',
];

const config = JSON.parse(process.argv[2] ?? process.env.CONFORMANCE_CONFIG ?? 'null');
if (!config?.a || !config?.b || !config?.accounts) {
  console.error('usage: CONFORMANCE_CONFIG=\'{"a": url, "b": url, "accounts": {"masto": {"local": {"username", "password"}, '
    + '"remote": {…}}, "megalodon": {…}}}\' node conformance.mjs (or the JSON as the first argument)');
  process.exit(2);
}
const TIMEOUT_MS = config.timeout_ms ?? 20000;

// ---------------------------------------------------------------------------------------------
// Waiting: polls and stream events, each with a deadline.

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls {@code probe} until it returns something truthy; fails with {@code what} after the deadline. */
async function until(what, probe, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const found = await probe();
      if (found) return found;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${describe(last)})` : ''}`);
    }
    await pause(POLL_PAUSE_MS);
  }
}

/**
 * A promise that {@code start(resolve, reject)} settles, rejected after the deadline with {@code what} (a
 * string, or a function giving one then); {@code start} may return a function undoing what it registered.
 */
function withDeadline(what, start, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    let settled = false;
    let undo;
    const finish = (settle) => (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      undo?.();
      settle(value);
    };
    const timer = setTimeout(() => finish(reject)(
      new Error(`${typeof what === 'function' ? what() : what}: not within ${timeoutMs} ms`)), timeoutMs);
    undo = start(finish(resolve), finish(reject));
    if (settled) undo?.();
  });
}

/** Stream events as they arrive, with waits for a matching one. */
class EventLog {
  events = [];
  waiters = [];
  failure = null;
  onFailure = null;

  add(event, payload) {
    this.events.push({ event, payload });
    for (const w of [...this.waiters]) this.settle(w);
  }

  fail(error) {
    this.failure ??= error;
    this.onFailure?.(error);
    for (const w of [...this.waiters]) this.settle(w);
  }

  /** Resolves with the first event (received earlier or later) that {@code test} accepts. */
  waitFor(what, test) {
    return withDeadline(() => `${what} (streaming events received: ${JSON.stringify(this.events.map((e) => e.event))})`,
      (resolve, reject) => {
        const waiter = { test, resolve, reject };
        this.waiters.push(waiter);
        this.settle(waiter);
        return () => { this.waiters = this.waiters.filter((w) => w !== waiter); };
      });
  }

  settle(waiter) {
    const match = this.events.find((e) => waiter.test(e.event, e.payload));
    if (match) waiter.resolve(match.payload);
    else if (this.failure) waiter.reject(this.failure);
  }
}

// ---------------------------------------------------------------------------------------------
// The two libraries behind one small interface. Everything the flow does to the server goes through
// the library, except walking the HTML sign-in form, which is a browser's job.

const libraries = {
  masto: {
    async registerApp(url) {
      const rest = createRestAPIClient({ url });
      const app = await rest.v1.apps.create({ clientName: 'Muse conformance (masto)', redirectUris: REDIRECT_URI, scopes: SCOPES.join(' ') });
      return { clientId: app.clientId, clientSecret: app.clientSecret, authorizeUrl: authorizeUrl(url, app.clientId) };
    },
    async exchangeCode(url, app, code) {
      const token = await createOAuthAPIClient({ url }).token.create({
        grantType: 'authorization_code', clientId: app.clientId, clientSecret: app.clientSecret,
        redirectUri: REDIRECT_URI, code, scope: SCOPES.join(' '),
      });
      return token.accessToken;
    },
    client(url, accessToken) {
      const rest = createRestAPIClient({ url, accessToken });
      return {
        verifyCredentials: () => rest.v1.accounts.verifyCredentials(),
        searchAccounts: async (q) => (await rest.v2.search.list({ q, resolve: true, type: 'accounts' })).accounts,
        follow: (id) => rest.v1.accounts.$select(id).follow(),
        relationship: async (id) => (await rest.v1.accounts.relationships.fetch({ id: [id] }))[0],
        post: (status) => rest.v1.statuses.create({ status, visibility: 'public' }),
        homeTimeline: () => rest.v1.timelines.home.list({ limit: 40 }),
        notifications: () => rest.v1.notifications.list({ limit: 40 }),
        favourite: (id) => rest.v1.statuses.$select(id).favourite(),
        async openUserStream(log) {
          const instance = await rest.v2.instance.fetch();
          // masto connects lazily and says nothing when it is connected; a WebSocket class of our own,
          // which masto accepts as its implementation, tells when the connection is open.
          let opened;
          let lastError;
          const open = withDeadline(() => `the WebSocket connection opens (last error: ${lastError?.message})`, (resolve, reject) => {
            opened = resolve;
            log.onFailure = (e) => reject(new Error(`${e.message} (last error: ${lastError?.message})`));
          });
          const streaming = createStreamingAPIClient({
            streamingApiUrl: instance.configuration.urls.streaming, accessToken, retry: 3,
            implementation: class extends WebSocket {
              constructor(...args) {
                super(...args);
                this.once('open', () => opened());
                this.once('error', (e) => { lastError = e; });
              }
            },
          });
          const subscription = streaming.user.subscribe();
          (async () => {
            try {
              for await (const e of subscription) log.add(e.event, e.payload);
            } catch (e) {
              log.fail(e);
            }
          })();
          const close = () => { subscription.unsubscribe(); streaming.close(); };
          await open.catch((e) => { close(); throw e; });
          return close;
        },
      };
    },
  },

  megalodon: {
    async registerApp(url) {
      const app = await new Mastodon(url).registerApp('Muse conformance (megalodon)', { scopes: SCOPES, redirect_uris: REDIRECT_URI });
      return { clientId: app.client_id, clientSecret: app.client_secret, authorizeUrl: withState(app.url) };
    },
    async exchangeCode(url, app, code) {
      const token = await new Mastodon(url).fetchAccessToken(app.clientId, app.clientSecret, code, REDIRECT_URI);
      return token.access_token;
    },
    client(url, accessToken) {
      const m = new Mastodon(url, accessToken);
      return {
        verifyCredentials: async () => (await m.verifyAccountCredentials()).data,
        searchAccounts: async (q) => (await m.search(q, { type: 'accounts', resolve: true })).data.accounts,
        follow: async (id) => (await m.followAccount(id)).data,
        relationship: async (id) => (await m.getRelationship(id)).data,
        post: async (status) => (await m.postStatus(status, { visibility: 'public' })).data,
        homeTimeline: async () => (await m.getHomeTimeline({ limit: 40 })).data,
        notifications: async () => (await m.getNotifications({ limit: 40 })).data,
        favourite: async (id) => (await m.favouriteStatus(id)).data,
        async openUserStream(log) {
          const stream = await m.userStreaming();
          for (const event of ['update', 'notification', 'delete', 'status_update']) {
            stream.on(event, (payload) => log.add(event, payload));
          }
          stream.on('parser-error', (e) => log.fail(e));
          stream.on('error', (e) => log.fail(e ?? new Error('WebSocket error')));
          await withDeadline('the WebSocket connection opens', (resolve, reject) => {
            stream.once('connect', resolve);
            log.onFailure = reject;
          }).catch((e) => { stream.stop(); throw e; });
          return () => stream.stop();
        },
      };
    },
  },
};

const STATE = 'conformance-state';

function authorizeUrl(base, clientId) {
  const url = new URL('/oauth/authorize', base);
  url.search = new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: SCOPES.join(' '), state: STATE });
  return url.toString();
}

function withState(authorizeUrlFromLibrary) {
  const url = new URL(authorizeUrlFromLibrary);
  url.searchParams.set('state', STATE);
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// The browser part: the server's sign-in and consent form, with its cookies and CSRF field.

class Browser {
  cookies = new Map();

  async fetch(url, init = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';', 1);
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (value === '') this.cookies.delete(name); else this.cookies.set(name, value);
    }
    return response;
  }
}

function hiddenFields(html) {
  const fields = {};
  for (const input of html.match(/<input\b[^>]*>/g) ?? []) {
    const attr = (name) => input.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
    if (attr('type') === 'hidden' && attr('name') !== undefined) fields[unescapeHtml(attr('name'))] = unescapeHtml(attr('value') ?? '');
  }
  return fields;
}

function unescapeHtml(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Opens the authorize page, signs in and approves; returns the code from the redirect. */
async function authorizeInBrowser(authorizeUrl, person) {
  const browser = new Browser();
  const page = await browser.fetch(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET /oauth/authorize answered ${page.status}: ${html.slice(0, 500)}`);
  const form = new URLSearchParams({ ...hiddenFields(html), username: person.username, password: person.password, decision: 'approve' });
  const action = new URL(html.match(/<form\b[^>]*\baction="([^"]*)"/)?.[1] ?? '/oauth/authorize', authorizeUrl);
  const answer = await browser.fetch(action, { method: 'POST', body: form });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) {
    throw new Error(`POST ${action.pathname} answered ${answer.status} instead of a redirect: ${(await answer.text()).slice(0, 500)}`);
  }
  const query = new URL(location).searchParams;
  if (!location.startsWith(REDIRECT_URI)) throw new Error(`redirected to ${location}, not to ${REDIRECT_URI}`);
  if (query.get('state') !== STATE) throw new Error(`state came back as ${query.get('state')}`);
  if (!query.get('code')) throw new Error(`no code in ${location}`);
  return query.get('code');
}

// ---------------------------------------------------------------------------------------------
// The flow, the same for every library.

function describe(error) {
  if (error === undefined || error === null) return String(error);
  const response = error.response; // megalodon (axios)
  if (response?.status) return `${error.message}: HTTP ${response.status} ${JSON.stringify(response.data)}`;
  if (error.statusCode) return `${error.message}: HTTP ${error.statusCode}${error.description ? ` ${error.description}` : ''}`; // masto
  return error.message ?? String(error);
}

let failures = 0;

function report(library, step, ok, detail) {
  if (!ok) failures++;
  console.log(JSON.stringify({ library, step, ok, detail }));
}

const hostOf = (url) => new URL(url).host;

async function run(name, accounts) {
  const lib = libraries[name];
  const done = new Set();
  let closeStream = () => {};
  let current;
  const tracked = async (id, action) => {
    current = id;
    const detail = await action();
    done.add(id);
    report(name, id, true, detail ?? '');
  };
  try {
    const signIn = async (side, base, person) => {
      let app;
      let token;
      let account;
      await tracked(`register_app_${side}`, async () => {
        app = await lib.registerApp(base);
        if (!app.clientId || !app.clientSecret) throw new Error(`no client credentials: ${JSON.stringify(app)}`);
        return `client_id ${app.clientId}`;
      });
      let code;
      await tracked(`authorize_${side}`, async () => {
        code = await authorizeInBrowser(app.authorizeUrl, person);
        return `code received at ${REDIRECT_URI}`;
      });
      await tracked(`token_${side}`, async () => {
        token = await lib.exchangeCode(base, app, code);
        if (!token) throw new Error('no access token');
        return 'access token issued';
      });
      const client = lib.client(base, token);
      await tracked(`verify_credentials_${side}`, async () => {
        account = await client.verifyCredentials();
        if (account.username !== person.username) throw new Error(`signed in as ${account.username}, expected ${person.username}`);
        return `@${account.acct} (${account.id})`;
      });
      return { client, account };
    };

    const local = await signIn('a', config.a, accounts.local);
    const remote = await signIn('b', config.b, accounts.remote);
    const remoteHandle = `${accounts.remote.username}@${hostOf(config.b)}`;
    const localHandle = `${accounts.local.username}@${hostOf(config.a)}`;

    let remoteOnA;
    await tracked('resolve_remote', async () => {
      const found = await local.client.searchAccounts(`@${remoteHandle}`);
      remoteOnA = found.find((a) => a.acct === remoteHandle);
      if (!remoteOnA) throw new Error(`search for @${remoteHandle} found ${JSON.stringify(found.map((a) => a.acct))}`);
      return `${remoteOnA.acct} is ${remoteOnA.id} on A`;
    });

    await tracked('follow', async () => {
      const answer = await local.client.follow(remoteOnA.id);
      if (!answer.following && !answer.requested) throw new Error(`follow answered ${JSON.stringify(answer)}`);
      await until(`relationship with ${remoteHandle} becomes following`, async () => (await local.client.relationship(remoteOnA.id)).following);
      return `following ${remoteHandle}`;
    });

    const log = new EventLog();
    await tracked('stream_open', async () => {
      closeStream = await local.client.openUserStream(log);
      return 'user stream opened';
    });

    // The stream is known to be live once it carries the local user's own post.
    await tracked('local_post_streamed', async () => {
      const own = await local.client.post(`Listening to Court and Spark through ${name}`);
      await log.waitFor(`update for the local post ${own.id}`, (event, payload) => event === 'update' && payload.id === own.id);
      return `status ${own.id} posted and streamed`;
    });

    let remoteStatus;
    await tracked('remote_post', async () => {
      remoteStatus = await remote.client.post(`@${localHandle} have you heard Hejira? (${name})`);
      return `status ${remoteStatus.uri}`;
    });
    const isRemoteStatus = (status) => status?.uri === remoteStatus.uri;

    let remoteStatusOnA;
    await tracked('stream_update', async () => {
      remoteStatusOnA = await log.waitFor(`update for ${remoteStatus.uri}`, (event, payload) => event === 'update' && isRemoteStatus(payload));
      return `update with status ${remoteStatusOnA.id}`;
    });

    await tracked('stream_notification', async () => {
      const notification = await log.waitFor(`mention notification for ${remoteStatus.uri}`,
        (event, payload) => event === 'notification' && payload.type === 'mention' && isRemoteStatus(payload.status));
      return `notification ${notification.id} from ${notification.account.acct}`;
    });

    await tracked('home_timeline', async () => {
      const found = await until('home timeline shows the remote status', async () => (await local.client.homeTimeline()).find(isRemoteStatus));
      return `status ${found.id} in home`;
    });

    await tracked('mention_notification', async () => {
      const found = await until('a mention notification for the remote status',
        async () => (await local.client.notifications()).find((n) => n.type === 'mention' && isRemoteStatus(n.status)));
      return `notification ${found.id} from ${found.account.acct}`;
    });

    await tracked('favourite', async () => {
      const favourited = await local.client.favourite(remoteStatusOnA.id);
      if (!favourited.favourited) throw new Error(`favourite answered ${JSON.stringify(favourited)}`);
      return `favourited ${remoteStatusOnA.id}`;
    });

    await tracked('favourite_notification_b', async () => {
      const found = await until('a favourite notification on B',
        async () => (await remote.client.notifications()).find((n) => n.type === 'favourite'
          && n.status?.id === remoteStatus.id && n.account?.acct === localHandle));
      return `notification ${found.id} from ${found.account.acct}`;
    });
  } catch (error) {
    report(name, current, false, describe(error));
    done.add(current);
  } finally {
    try {
      closeStream();
    } catch (e) {
      // closing is best effort: the process exits next
    }
  }
  for (const id of STEPS.filter((s) => !done.has(s))) report(name, id, false, 'not reached: an earlier step failed');
}

const names = Object.keys(config.accounts);
const unknown = names.filter((n) => !libraries[n]);
if (unknown.length) {
  console.error(`unknown libraries: ${unknown.join(', ')} (known: ${Object.keys(libraries).join(', ')})`);
  process.exit(2);
}
for (const name of names) await run(name, config.accounts[name]);
console.log(JSON.stringify({ summary: { libraries: names, steps: names.length * STEPS.length, failed: failures } }));
process.exit(failures ? 1 : 0);
