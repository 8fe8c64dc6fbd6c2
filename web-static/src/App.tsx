import { ApiClient } from "./api/client";
import { CALLBACK_PATH, type LoginStores } from "./auth/login";
import { Landing } from "./pages/Landing";
import { OAuthCallback } from "./pages/OAuthCallback";
import { SIGN_UP_PATH, SignUp } from "./pages/SignUp";

const api = new ApiClient();
const stores: LoginStores = { durable: window.localStorage, attempt: window.sessionStorage };

export function App() {
  const origin = window.location.origin;
  return (
    <>
      <header className="site-header">
        <a href="/" className="brand">Muse</a>
      </header>
      <main id="content">
        <Page path={window.location.pathname} origin={origin} />
      </main>
    </>
  );
}

function Page({ path, origin }: { path: string; origin: string }) {
  switch (path) {
    case CALLBACK_PATH:
      return <OAuthCallback api={api} stores={stores} origin={origin} query={window.location.search} />;
    case SIGN_UP_PATH:
      return <SignUp api={api} stores={stores} origin={origin} />;
    default:
      return <Landing api={api} stores={stores} origin={origin} />;
  }
}
