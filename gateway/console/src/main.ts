import "./style.css";
import { configured, person, signIn, signOut, signedIn, startAuth, type ConsoleConfig } from "./auth";
import { h, replace } from "./dom";
import { lang, setLang, t, type Lang } from "./i18n";
import { mayAudit, useServices } from "./catalog";
import { ApiError } from "./api";

type Page = (main: HTMLElement, params: string[]) => Promise<void>;

// Routes by path (the gateway answers index.html for all of them); each page module is loaded when first needed.
const routes: [RegExp, () => Promise<Page>][] = [
  [/^\/$/, async () => (await import("./pages/dashboard")).dashboard],
  [/^\/lists$/, async () => (await import("./pages/lists")).listIndex],
  [/^\/lists\/([a-z0-9-]+)\/([a-z0-9-]+)$/, async () => (await import("./pages/lists")).list],
  [/^\/initiatives\/([0-9a-f-]{36})$/, async () => (await import("./pages/initiative")).initiativeById],
  [/^\/initiatives\/([a-z0-9-]+)\/([a-z0-9-]+)\/([0-9a-f-]{36})$/, async () => (await import("./pages/initiative")).initiative],
  [/^\/audit$/, async () => (await import("./pages/audit")).auditTools],
  [/^\/cities\/([^/]+)$/, async () => (await import("./pages/places")).city],
  [/^\/networks\/([^/]+)$/, async () => (await import("./pages/places")).network],
];

const main = document.getElementById("main")!;
let renders = 0;
const top = document.getElementById("top")!;

function header(): void {
  const who = person();
  const choose = h("select", { id: "lang", onchange: (e: Event) => { setLang((e.target as HTMLSelectElement).value as Lang); void render(); } },
    h("option", { value: "ko", selected: lang() === "ko" }, "한국어"), h("option", { value: "en", selected: lang() === "en" }, "English"));
  replace(top,
    h("p", { class: "brand" }, h("a", { href: "/" }, t("title"))),
    signedIn() ? h("nav", { "aria-label": t("title") }, h("ul", {},
      h("li", {}, h("a", { href: "/" }, t("dashboard"))),
      h("li", {}, h("a", { href: "/lists" }, t("lists"))),
      mayAudit(who) ? h("li", {}, h("a", { href: "/audit" }, t("audit"))) : null)) : null,
    h("div", { class: "session" },
      h("label", { for: "lang" }, t("language")), " ", choose, " ",
      who ? h("span", { class: "who" }, `${t("signedInAs")} `, h("strong", { id: "who" }, who.name), ` (${who.role}${who.department ? ", " + who.department : ""})`) : null, " ",
      configured() ? (signedIn()
        ? h("button", { type: "button", id: "sign-out", onclick: () => void signOut() }, t("signOut"))
        : h("button", { type: "button", id: "sign-in", onclick: () => void beginSignIn() }, t("signIn"))) : null));
  document.querySelector(".skip")!.textContent = t("skip");
}

async function render(): Promise<void> {
  document.documentElement.lang = lang();
  document.title = t("title");
  header();
  if (!configured()) { replace(main, h("h1", {}, t("title")), h("p", { role: "alert" }, t("notConfigured"))); return; }
  if (!signedIn()) {
    replace(main, h("h1", {}, t("title")), h("p", {}, t("welcome")),
      h("p", {}, signInButton()));
    return;
  }
  const path = location.pathname;
  // A page renders into its own element, shown only if no later navigation started meanwhile.
  const generation = ++renders;
  for (const [pattern, load] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    replace(main, h("p", {}, t("loading")));
    main.setAttribute("aria-busy", "true");
    const page = h("div", { class: "page" });
    try {
      await (await load())(page, match.slice(1).map(decodeURIComponent));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      const text = problem?.status === 403 ? t("forbidden") : problem?.status === 404 ? t("notFound") : `${t("error")}: ${problem ? `${problem.status} ${problem.title ?? ""}` : String(error)}`;
      replace(page, h("h1", {}, t("error")), h("p", { role: "alert" }, text));
    }
    if (generation !== renders) return;
    replace(main, page);
    main.removeAttribute("aria-busy");
    return;
  }
  replace(main, h("h1", {}, t("notFound")));
}

export function navigate(path: string): void {
  history.pushState(null, "", path);
  void render();
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element).closest?.("a");
  if (!link || link.target || link.hasAttribute("download") || event.metaKey || event.ctrlKey) return;
  const href = link.getAttribute("href");
  if (!href || !href.startsWith("/") || href.startsWith("/api") || href.startsWith("/openapi")) return;
  event.preventDefault();
  navigate(href);
});
window.addEventListener("popstate", () => void render());

// The provider unreachable, or its answer unusable: the person is told, and keeps the button to try again.
function signInFailed(error: unknown): void {
  console.error("sign-in:", error);
  renders++; // a page still loading must not replace the alert
  replace(main, h("h1", {}, t("title")), h("p", { role: "alert", id: "sign-in-problem" }, t("signInFailed")), h("p", {}, signInButton()));
  main.removeAttribute("aria-busy");
}

const signInButton = (): HTMLElement =>
  h("button", { type: "button", class: "primary", onclick: () => void beginSignIn() }, t("signIn"));

async function beginSignIn(): Promise<void> {
  try { await signIn(); }
  catch (error) { signInFailed(error); }
}

async function boot(): Promise<void> {
  setLang(lang());
  const config = (await (await fetch("/console-config.json")).json()) as ConsoleConfig;
  useServices(config.services ?? []);
  try { await startAuth(config, signInFailed); }
  catch (error) {
    await render();
    signInFailed(error);
    return;
  }
  await render();
}

void boot();
