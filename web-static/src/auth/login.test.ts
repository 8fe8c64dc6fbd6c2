import { describe, expect, it } from "vitest";
import { ApiClient, type Fetch } from "../api/client";
import { beginLogin, completeLogin, signUp, type KeyValueStore, type LoginStores } from "./login";
import { challengeS256 } from "./pkce";

class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

const ORIGIN = "https://muse.test";

/** A fake of the three server endpoints the login uses, recording what it was sent. */
function fakeServer(options: { verifyStatus?: number } = {}) {
  const requests: Array<{ path: string; body: Record<string, unknown> | undefined; auth: string | undefined }> = [];
  const fetchFake: Fetch = async (input, init) => {
    const path = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    requests.push({ path, body, auth: headers["Authorization"] });
    const answer = (value: unknown) => new Response(JSON.stringify(value), { status: 200 });
    switch (path) {
      case "/api/v1/apps":
        return answer({ client_id: `client-${requests.length}`, client_secret: "secret" });
      case "/oauth/token":
        return body.grant_type === "client_credentials"
          ? answer({ access_token: "app-token", token_type: "Bearer", scope: "read write follow push" })
          : answer({ access_token: "token-1", token_type: "Bearer", scope: "read write follow push" });
      case "/api/v1/accounts":
        return answer({ access_token: "new-user-token", token_type: "Bearer", scope: "read write follow push" });
      case "/api/v1/accounts/verify_credentials":
        return options.verifyStatus === undefined
          ? answer({ id: "7", username: "alice", acct: "alice", display_name: "Alice" })
          : new Response(JSON.stringify({ error: "Your login is currently disabled" }), { status: options.verifyStatus });
      default:
        return new Response("{}", { status: 404 });
    }
  };
  return { api: new ApiClient("", fetchFake), requests };
}

function stores(): LoginStores & { durable: MemoryStore; attempt: MemoryStore } {
  return { durable: new MemoryStore(), attempt: new MemoryStore() };
}

describe("login", () => {
  it("sends the browser to /oauth/authorize with an S256 challenge and remembers the verifier", async () => {
    const { api, requests } = fakeServer();
    const s = stores();

    const url = new URL(await beginLogin(api, s, ORIGIN));

    expect(url.origin + url.pathname).toBe("https://muse.test/oauth/authorize");
    expect(requests[0].body).toEqual({
      client_name: "Muse web",
      redirect_uris: "https://muse.test/oauth-callback",
      scopes: "read write follow push",
    });
    const attempt = JSON.parse(s.attempt.getItem("muse.login")!);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client-1",
      redirect_uri: "https://muse.test/oauth-callback",
      scope: "read write follow push",
      code_challenge: await challengeS256(attempt.verifier),
      code_challenge_method: "S256",
      state: attempt.state,
    });
  });

  it("registers the app only once", async () => {
    const { api, requests } = fakeServer();
    const s = stores();

    await beginLogin(api, s, ORIGIN);
    const second = new URL(await beginLogin(api, s, ORIGIN));

    expect(requests.filter((r) => r.path === "/api/v1/apps")).toHaveLength(1);
    expect(second.searchParams.get("client_id")).toBe("client-1");
  });

  it("redeems the code with the verifier and fetches the account", async () => {
    const { api, requests } = fakeServer();
    const s = stores();
    const url = new URL(await beginLogin(api, s, ORIGIN));
    const verifier = JSON.parse(s.attempt.getItem("muse.login")!).verifier;

    const account = await completeLogin(api, s, ORIGIN, `?code=abc&state=${url.searchParams.get("state")}`);

    expect(account.username).toBe("alice");
    expect(requests[1].body).toMatchObject({ grant_type: "authorization_code", code: "abc", code_verifier: verifier, client_id: "client-1" });
    expect(requests[2].auth).toBe("Bearer token-1");
    expect(s.durable.getItem("muse.token")).toBe("token-1");
    expect(s.attempt.getItem("muse.login")).toBeNull();
  });

  it("refuses a callback whose state does not match", async () => {
    const { api, requests } = fakeServer();
    const s = stores();
    await beginLogin(api, s, ORIGIN);

    await expect(completeLogin(api, s, ORIGIN, "?code=abc&state=forged")).rejects.toThrow(/refused/);
    expect(requests.map((r) => r.path)).not.toContain("/oauth/token");
  });

  it("refuses a callback that arrives without a login attempt", async () => {
    const { api } = fakeServer();

    await expect(completeLogin(api, stores(), ORIGIN, "?code=abc&state=x")).rejects.toThrow(/log in again/);
  });

  it("reports a denied authorization in the server's words", async () => {
    const { api } = fakeServer();

    await expect(
      completeLogin(api, stores(), ORIGIN, "?error=access_denied&error_description=You+said+no."),
    ).rejects.toThrow("You said no.");
  });

  it("signs up with an app token and logs in with the new account's token", async () => {
    const { api, requests } = fakeServer();
    const s = stores();
    const form = { username: "alice", email: "alice@example.org", password: "correct horse battery", agreement: true, locale: "en" };

    const account = await signUp(api, s, ORIGIN, form);

    expect(account.username).toBe("alice");
    expect(requests.map((r) => r.path)).toEqual([
      "/api/v1/apps",
      "/oauth/token",
      "/api/v1/accounts",
      "/api/v1/accounts/verify_credentials",
    ]);
    expect(requests[1].body).toEqual({
      grant_type: "client_credentials",
      client_id: "client-1",
      client_secret: "secret",
      scope: "read write follow push",
    });
    expect(requests[2]).toMatchObject({ auth: "Bearer app-token", body: form });
    expect(requests[3].auth).toBe("Bearer new-user-token");
    expect(s.durable.getItem("muse.token")).toBe("new-user-token");
  });

  it("explains an account that exists but cannot be used yet", async () => {
    const { api } = fakeServer({ verifyStatus: 403 });
    const form = { username: "bob", email: "bob@example.org", password: "correct horse battery", agreement: true, locale: "en" };

    await expect(signUp(api, stores(), ORIGIN, form)).rejects.toThrow(
      "Your account was created, but you cannot use it yet: Your login is currently disabled",
    );
  });
});
