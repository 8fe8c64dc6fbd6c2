import { useEffect, useRef, useState } from "react";
import type { Account, ApiClient } from "../api/client";
import { completeLogin, type LoginStores } from "../auth/login";
import { LoggedIn } from "./LoggedIn";

type CallbackState = { kind: "working" } | { kind: "done"; account: Account } | { kind: "failed"; message: string };

export function OAuthCallback(props: { api: ApiClient; stores: LoginStores; origin: string; query: string }) {
  const { api, stores, origin, query } = props;
  const [state, setState] = useState<CallbackState>({ kind: "working" });
  // A code can be redeemed only once, but StrictMode runs effects twice in development: keep one attempt.
  const login = useRef<Promise<Account> | null>(null);

  useEffect(() => {
    let current = true;
    login.current ??= completeLogin(api, stores, origin, query);
    login.current.then(
      (account) => {
        // The code in the address bar is spent; don't leave it in history.
        window.history.replaceState(null, "", "/oauth-callback");
        if (current) setState({ kind: "done", account });
      },
      (error: Error) => current && setState({ kind: "failed", message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [api, stores, origin, query]);

  return (
    <section aria-labelledby="callback-title">
      <h1 id="callback-title">Logging in</h1>
      {state.kind === "working" && (
        <p role="status" aria-live="polite">
          Finishing the login…
        </p>
      )}
      {state.kind === "done" && <LoggedIn account={state.account} />}
      {state.kind === "failed" && (
        <div role="alert">
          <p>The login did not complete: {state.message}</p>
          <a href="/">Back to the start page</a>
        </div>
      )}
    </section>
  );
}
