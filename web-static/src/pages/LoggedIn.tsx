import type { Account } from "../api/client";

export function LoggedIn({ account }: { account: Account }) {
  return <p role="status">Logged in as @{account.username}</p>;
}
