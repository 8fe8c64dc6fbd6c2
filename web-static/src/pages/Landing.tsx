import { useEffect, useState } from "react";
import type { ApiClient, ApiError, Instance } from "../api/client";
import { beginLogin, type LoginStores } from "../auth/login";
import { SIGN_UP_PATH } from "./SignUp";

type InstanceState = { kind: "loading" } | { kind: "loaded"; instance: Instance } | { kind: "failed"; message: string };

export function Landing({ api, stores, origin }: { api: ApiClient; stores: LoginStores; origin: string }) {
  const [state, setState] = useState<InstanceState>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [loginError, setLoginError] = useState<string | null>(null);
  const [loggingIn, setLoggingIn] = useState(false);

  useEffect(() => {
    let current = true;
    setState({ kind: "loading" });
    api.instance().then(
      (instance) => current && setState({ kind: "loaded", instance }),
      (error: ApiError) =>
        current &&
        setState({
          kind: "failed",
          // A 404 here means a server without the instance endpoint, not a missing record.
          message: error.status === 404 ? "this server does not publish them yet." : error.message,
        }),
    );
    return () => {
      current = false;
    };
  }, [api, attempt]);

  async function logIn() {
    setLoggingIn(true);
    setLoginError(null);
    try {
      window.location.assign(await beginLogin(api, stores, origin));
    } catch (error) {
      setLoginError((error as Error).message);
      setLoggingIn(false);
    }
  }

  const registrationsOpen = state.kind === "loaded" && state.instance.registrations.enabled;
  return (
    <section aria-labelledby="instance-title">
      {state.kind === "loading" && (
        <p role="status" aria-live="polite">
          Loading this instance…
        </p>
      )}
      {state.kind === "loaded" && (
        <>
          <h1 id="instance-title">{state.instance.title}</h1>
          <p className="domain">{state.instance.domain}</p>
          {state.instance.description && <p>{state.instance.description}</p>}
        </>
      )}
      {state.kind === "failed" && (
        <div role="alert">
          <h1 id="instance-title">Muse</h1>
          <p>We could not load this instance's details: {state.message}</p>
          <button type="button" onClick={() => setAttempt(attempt + 1)}>
            Try again
          </button>
        </div>
      )}
      <nav aria-label="Account" className="actions">
        {registrationsOpen ? (
          <a className="button" href={SIGN_UP_PATH}>
            Sign up
          </a>
        ) : (
          state.kind === "loaded" && <p>This instance is not accepting new sign-ups.</p>
        )}
        <button type="button" className="button primary" onClick={logIn} disabled={loggingIn}>
          {loggingIn ? "Opening the login page…" : "Log in"}
        </button>
      </nav>
      {loginError && (
        <p role="alert" className="error">
          Could not start the login: {loginError}
        </p>
      )}
    </section>
  );
}
