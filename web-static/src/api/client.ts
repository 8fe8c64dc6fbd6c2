// A small client for the Muse server this page was served from. Every failure becomes an ApiError
// whose message a person can read, so pages never have to interpret raw responses.

export interface Instance {
  title: string;
  description: string;
  domain: string;
  registrations: { enabled: boolean };
}

export interface RegisteredApp {
  client_id: string;
  client_secret: string;
}

export interface Token {
  access_token: string;
  token_type: string;
  scope: string;
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
}

export interface SignUpForm {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale: string;
}

export class ApiError extends Error {
  /** The HTTP status, or 0 when the server could not be reached or answered with something unreadable. */
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export type Fetch = typeof fetch;

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: Fetch;

  constructor(baseUrl = "", fetchFn: Fetch = (input, init) => fetch(input, init)) {
    this.baseUrl = baseUrl;
    this.fetchFn = fetchFn;
  }

  instance(): Promise<Instance> {
    return this.request<Instance>("GET", "/api/v2/instance");
  }

  registerApp(clientName: string, redirectUri: string, scopes: string): Promise<RegisteredApp> {
    return this.request<RegisteredApp>("POST", "/api/v1/apps", {
      body: { client_name: clientName, redirect_uris: redirectUri, scopes },
    });
  }

  exchangeCode(params: {
    code: string;
    redirectUri: string;
    clientId: string;
    clientSecret: string;
    codeVerifier: string;
  }): Promise<Token> {
    return this.request<Token>("POST", "/oauth/token", {
      body: {
        grant_type: "authorization_code",
        code: params.code,
        redirect_uri: params.redirectUri,
        client_id: params.clientId,
        client_secret: params.clientSecret,
        code_verifier: params.codeVerifier,
      },
    });
  }

  /** An app-level token (client credentials), which Mastodon requires for creating accounts. */
  appToken(clientId: string, clientSecret: string, scope: string): Promise<Token> {
    return this.request<Token>("POST", "/oauth/token", {
      body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope },
    });
  }

  signUp(appToken: string, form: SignUpForm): Promise<Token> {
    return this.request<Token>("POST", "/api/v1/accounts", { body: form, token: appToken });
  }

  verifyCredentials(accessToken: string): Promise<Account> {
    return this.request<Account>("GET", "/api/v1/accounts/verify_credentials", { token: accessToken });
  }

  private async request<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (options.token !== undefined) {
      headers["Authorization"] = `Bearer ${options.token}`;
    }
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      throw new ApiError(0, "The Muse server could not be reached. Check your connection and try again.");
    }
    const body = await readJson(response);
    if (!response.ok) {
      throw new ApiError(response.status, errorMessage(response.status, body));
    }
    if (body === undefined) {
      throw new ApiError(0, `The server answered ${method} ${path} with something that is not JSON.`);
    }
    return body as T;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Mastodon errors are {"error"}, OAuth errors add "error_description"; prefer the most specific text. */
function errorMessage(status: number, body: unknown): string {
  if (typeof body === "object" && body !== null) {
    const fields = body as Record<string, unknown>;
    for (const key of ["error_description", "error", "detail"]) {
      const value = fields[key];
      if (typeof value === "string" && value.length > 0) {
        return value;
      }
    }
  }
  return status === 404
    ? "The server does not offer this yet (HTTP 404)."
    : `The server answered with HTTP ${status}.`;
}
