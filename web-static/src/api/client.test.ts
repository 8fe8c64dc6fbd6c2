import { describe, expect, it } from "vitest";
import { ApiClient, ApiError, type Fetch } from "./client";

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records each call and answers from a queue of canned responses. */
function stubFetch(...responses: Array<Response | Error>): { fetch: Fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetchStub: Fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    });
    const next = responses.shift();
    if (next === undefined) {
      throw new Error("unexpected extra request");
    }
    if (next instanceof Error) {
      throw next;
    }
    return next;
  };
  return { fetch: fetchStub, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("ApiClient", () => {
  it("reads the instance from /api/v2/instance", async () => {
    const instance = { title: "Muse Test", description: "Music reviews", domain: "muse.test", registrations: { enabled: true } };
    const { fetch, calls } = stubFetch(json(200, instance));

    const result = await new ApiClient("https://muse.test", fetch).instance();

    expect(result).toEqual(instance);
    expect(calls[0].url).toBe("https://muse.test/api/v2/instance");
    expect(calls[0].method).toBe("GET");
  });

  it("registers the app with a JSON body", async () => {
    const { fetch, calls } = stubFetch(json(200, { client_id: "id1", client_secret: "secret1" }));

    const app = await new ApiClient("", fetch).registerApp("Muse web", "https://muse.test/oauth-callback", "read write follow push");

    expect(app).toEqual({ client_id: "id1", client_secret: "secret1" });
    expect(calls[0]).toMatchObject({
      url: "/api/v1/apps",
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: { client_name: "Muse web", redirect_uris: "https://muse.test/oauth-callback", scopes: "read write follow push" },
    });
  });

  it("exchanges an authorization code with the PKCE verifier", async () => {
    const { fetch, calls } = stubFetch(json(200, { access_token: "tok", token_type: "Bearer", scope: "read" }));

    const token = await new ApiClient("", fetch).exchangeCode({
      code: "c0de",
      redirectUri: "https://muse.test/oauth-callback",
      clientId: "id1",
      clientSecret: "secret1",
      codeVerifier: "verifier",
    });

    expect(token.access_token).toBe("tok");
    expect(calls[0].url).toBe("/oauth/token");
    expect(calls[0].body).toEqual({
      grant_type: "authorization_code",
      code: "c0de",
      redirect_uri: "https://muse.test/oauth-callback",
      client_id: "id1",
      client_secret: "secret1",
      code_verifier: "verifier",
    });
  });

  it("sends the bearer token to verify_credentials", async () => {
    const { fetch, calls } = stubFetch(json(200, { id: "1", username: "alice", acct: "alice", display_name: "Alice" }));

    const account = await new ApiClient("", fetch).verifyCredentials("tok");

    expect(account.username).toBe("alice");
    expect(calls[0].headers["Authorization"]).toBe("Bearer tok");
  });

  it("turns an OAuth error into its description", async () => {
    const { fetch } = stubFetch(json(400, { error: "invalid_grant", error_description: "The code has expired." }));

    const failure = new ApiClient("", fetch).exchangeCode({
      code: "c", redirectUri: "r", clientId: "i", clientSecret: "s", codeVerifier: "v",
    });

    await expect(failure).rejects.toEqual(new ApiError(400, "The code has expired."));
  });

  it("turns a Mastodon error into its message", async () => {
    const { fetch } = stubFetch(json(401, { error: "The access token is invalid" }));

    await expect(new ApiClient("", fetch).verifyCredentials("bad")).rejects.toMatchObject({
      status: 401,
      message: "The access token is invalid",
    });
  });

  it("explains a missing endpoint in plain words", async () => {
    const { fetch } = stubFetch(new Response("<html>not here</html>", { status: 404 }));

    await expect(new ApiClient("", fetch).instance()).rejects.toMatchObject({
      status: 404,
      message: "The server does not offer this yet (HTTP 404).",
    });
  });

  it("explains an unreachable server in plain words", async () => {
    const { fetch } = stubFetch(new TypeError("Failed to fetch"));

    await expect(new ApiClient("", fetch).instance()).rejects.toMatchObject({
      status: 0,
      message: "The Muse server could not be reached. Check your connection and try again.",
    });
  });

  it("rejects a successful answer that is not JSON", async () => {
    const { fetch } = stubFetch(new Response("<!doctype html>", { status: 200 }));

    await expect(new ApiClient("", fetch).instance()).rejects.toMatchObject({
      status: 0,
      message: "The server answered GET /api/v2/instance with something that is not JSON.",
    });
  });
});
