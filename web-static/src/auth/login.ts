// The authorization-code + PKCE login against the server that served this page. The app
// registration is kept (localStorage) so repeated logins reuse one client; the verifier and state
// only live for one attempt (sessionStorage).
import { ApiError, type Account, type ApiClient, type SignUpForm } from "../api/client";
import { challengeS256, randomVerifier } from "./pkce";

export const CLIENT_NAME = "Muse web";
export const SCOPES = "read write follow push";
export const CALLBACK_PATH = "/oauth-callback";

const APP_KEY = "muse.app";
const TOKEN_KEY = "muse.token";
const ATTEMPT_KEY = "muse.login";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LoginStores {
  /** Survives the browser closing: app registration and access token. */
  durable: KeyValueStore;
  /** One login attempt: PKCE verifier and state. */
  attempt: KeyValueStore;
}

interface StoredApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

interface Attempt {
  verifier: string;
  state: string;
}

export function redirectUri(origin: string): string {
  return origin + CALLBACK_PATH;
}

/** Registers the app when needed and returns the server's authorize URL to send the browser to. */
export async function beginLogin(api: ApiClient, stores: LoginStores, origin: string): Promise<string> {
  const app = await registeredApp(api, stores.durable, redirectUri(origin));
  const attempt: Attempt = { verifier: randomVerifier(), state: randomVerifier() };
  stores.attempt.setItem(ATTEMPT_KEY, JSON.stringify(attempt));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: SCOPES,
    code_challenge: await challengeS256(attempt.verifier),
    code_challenge_method: "S256",
    state: attempt.state,
  });
  return `${origin}/oauth/authorize?${query}`;
}

/** Handles the redirect back from the server: checks state, redeems the code, fetches the account. */
export async function completeLogin(api: ApiClient, stores: LoginStores, origin: string, callbackQuery: string): Promise<Account> {
  const params = new URLSearchParams(callbackQuery);
  const denied = params.get("error");
  if (denied !== null) {
    throw new Error(params.get("error_description") ?? `The server did not authorize the login (${denied}).`);
  }
  const attempt = readJson<Attempt>(stores.attempt, ATTEMPT_KEY);
  stores.attempt.removeItem(ATTEMPT_KEY);
  const app = readJson<StoredApp>(stores.durable, APP_KEY);
  const code = params.get("code");
  if (attempt === null || app === null || code === null) {
    throw new Error("This login link is incomplete or was already used. Please log in again.");
  }
  if (params.get("state") !== attempt.state) {
    throw new Error("This login did not start on this page, so it was refused. Please log in again.");
  }
  const token = await api.exchangeCode({
    code,
    redirectUri: redirectUri(origin),
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    codeVerifier: attempt.verifier,
  });
  stores.durable.setItem(TOKEN_KEY, token.access_token);
  return api.verifyCredentials(token.access_token);
}

/** Creates an account the Mastodon way (app token, then POST /api/v1/accounts) and logs straight in. */
export async function signUp(api: ApiClient, stores: LoginStores, origin: string, form: SignUpForm): Promise<Account> {
  const app = await registeredApp(api, stores.durable, redirectUri(origin));
  const appToken = await api.appToken(app.clientId, app.clientSecret, SCOPES);
  const token = await api.signUp(appToken.access_token, form);
  stores.durable.setItem(TOKEN_KEY, token.access_token);
  try {
    return await api.verifyCredentials(token.access_token);
  } catch (error) {
    // Pending approval or email confirmation: the account exists, it just cannot be used yet.
    if (error instanceof ApiError && error.status === 403) {
      throw new Error(`Your account was created, but you cannot use it yet: ${error.message}`);
    }
    throw error;
  }
}

async function registeredApp(api: ApiClient, store: KeyValueStore, uri: string): Promise<StoredApp> {
  const stored = readJson<StoredApp>(store, APP_KEY);
  if (stored !== null && stored.redirectUri === uri) {
    return stored;
  }
  const registered = await api.registerApp(CLIENT_NAME, uri, SCOPES);
  const app: StoredApp = { clientId: registered.client_id, clientSecret: registered.client_secret, redirectUri: uri };
  store.setItem(APP_KEY, JSON.stringify(app));
  return app;
}

function readJson<T>(store: KeyValueStore, key: string): T | null {
  const text = store.getItem(key);
  if (text === null) {
    return null;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
