import { InMemoryWebStorage, User, UserManager, WebStorageStateStore } from "oidc-client-ts";

// Authorization code + PKCE against the provider the gateway names. Tokens live in memory only; the sign-in's state
// (the PKCE verifier while the browser is at the provider) in sessionStorage, which it needs to come back.
export interface ConsoleConfig {
  authority: string | null;
  clientId: string;
  services: { name: string; route: string; writers: string[]; keepsStreams: boolean }[];
}

export interface Person {
  name: string;
  role: string;
  department: string | null;
}

let manager: UserManager | null = null;
let user: User | null = null;
let failed: (error: unknown) => void = () => {};
const returnKey = "diplomacy.returnTo";
const signedInKey = "diplomacy.signedIn";

/** Starts the session; `onFailure` hears of a sign-in that could not start later (a renewal that fell back to one). */
export async function startAuth(config: ConsoleConfig, onFailure: (error: unknown) => void): Promise<void> {
  failed = onFailure;
  if (!config.authority) return;
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/signin-callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: "code",
    scope: "openid profile offline_access",
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: true,
    loadUserInfo: false,
    // A provider that does not answer is an error to show, not a click that waits without end.
    requestTimeoutInSeconds: 15,
  });
  manager.events.addUserLoaded((loaded) => { user = loaded; });
  manager.events.addUserUnloaded(() => { user = null; });
  manager.events.addSilentRenewError(() => void signIn().catch(failed));
  if (location.pathname === "/signin-callback") {
    user = await manager.signinRedirectCallback();
    sessionStorage.setItem(signedInKey, "1");
    history.replaceState(null, "", sessionStorage.getItem(returnKey) ?? "/");
    sessionStorage.removeItem(returnKey);
  } else if (sessionStorage.getItem(signedInKey)) {
    // A reload forgets the in-memory tokens: the provider's own session signs the person in again without a form.
    await signIn();
  }
}

export const configured = (): boolean => manager !== null;
export const signedIn = (): boolean => user !== null && !user.expired;
export const accessToken = (): string | null => user?.access_token ?? null;

export function person(): Person | null {
  if (!user) return null;
  const p = user.profile as Record<string, unknown>;
  return { name: String(p.name ?? p.sub), role: String(p.role ?? ""), department: typeof p.department === "string" ? p.department : null };
}

export async function signIn(): Promise<void> {
  if (!manager) return;
  // After a failed callback the address is the callback's: coming back there would redeem a spent code.
  const back = location.pathname === "/signin-callback" ? "/" : location.pathname + location.search;
  sessionStorage.setItem(returnKey, back);
  await manager.signinRedirect();
}

export async function signOut(): Promise<void> {
  if (!manager) return;
  sessionStorage.removeItem(signedInKey);
  const idToken = user?.id_token;
  await manager.removeUser();
  await manager.signoutRedirect({ id_token_hint: idToken });
}

/** After a token expired without renewal. */
export async function renew(): Promise<void> {
  if (manager) user = await manager.signinSilent().catch(() => null);
}
