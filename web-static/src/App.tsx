import { ApiClient } from "./api/client";
import { CALLBACK_PATH, type LoginStores } from "./auth/login";
import { Landing } from "./pages/Landing";
import { OAuthCallback } from "./pages/OAuthCallback";

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
        {window.location.pathname === CALLBACK_PATH ? (
          <OAuthCallback api={api} stores={stores} origin={origin} query={window.location.search} />
        ) : (
          <Landing api={api} stores={stores} origin={origin} />
        )}
      </main>
    </>
  );
}
