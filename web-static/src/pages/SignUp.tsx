import { useState, type FormEvent } from "react";
import type { Account, ApiClient } from "../api/client";
import { signUp, type LoginStores } from "../auth/login";
import { LoggedIn } from "./LoggedIn";

export const SIGN_UP_PATH = "/sign-up";

type SignUpState = { kind: "editing" } | { kind: "sending" } | { kind: "done"; account: Account } | { kind: "failed"; message: string };

export function SignUp({ api, stores, origin }: { api: ApiClient; stores: LoginStores; origin: string }) {
  const [state, setState] = useState<SignUpState>({ kind: "editing" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setState({ kind: "sending" });
    try {
      const account = await signUp(api, stores, origin, {
        username: String(data.get("username")),
        email: String(data.get("email")),
        password: String(data.get("password")),
        agreement: data.get("agreement") === "on",
        locale: navigator.language,
      });
      setState({ kind: "done", account });
    } catch (error) {
      setState({ kind: "failed", message: (error as Error).message });
    }
  }

  if (state.kind === "done") {
    return (
      <section aria-labelledby="sign-up-title">
        <h1 id="sign-up-title">Welcome to Muse</h1>
        <LoggedIn account={state.account} />
      </section>
    );
  }
  return (
    <section aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Sign up</h1>
      <form onSubmit={submit} className="form">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required maxLength={30} pattern="[A-Za-z0-9_]+" aria-describedby="username-hint" />
        <p id="username-hint" className="hint">Letters, digits and underscores.</p>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} />
        <label className="checkbox">
          <input name="agreement" type="checkbox" required /> I agree to this server's rules and terms
        </label>
        <button type="submit" className="button primary" disabled={state.kind === "sending"}>
          {state.kind === "sending" ? "Creating your account…" : "Create account"}
        </button>
      </form>
      {state.kind === "failed" && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
    </section>
  );
}
