import { call, get, versionOf } from "../api";
import { person } from "../auth";
import { collectionsOf, mayAudit, mayWrite, serviceOf, type Collection } from "../catalog";
import { h, replace } from "../dom";
import { commandForm } from "../forms";
import { display, instant, t } from "../i18n";
import { navigate } from "../main";

type State = Record<string, unknown> & { id?: string; version?: number };
interface Replayed { version: number; timestamp: string; state: State }
interface Entry {
  sequence: number; version: number; type: string; timestamp: string; data: Record<string, unknown>;
  metadata: { user?: string | null; department?: string | null; client?: string | null; command?: string | null };
}
interface History { items: Entry[]; totalItems: number; service?: string }
interface Verification { intact: boolean; events: number; brokenAtVersion?: number | null; break?: string | null; detail?: string | null }

/** /initiatives/{id}: the audit door finds the service; the collection is the one whose state answers. */
export async function initiativeById(main: HTMLElement, [id]: string[]): Promise<void> {
  const found = await get<History>(`/api/audit/initiatives/${id}?pageSize=1`);
  const service = serviceOf(found.service ?? "");
  for (const c of service ? await collectionsOf(service) : []) {
    if (!c.isStream) continue;
    try {
      await get(`${c.path}/${id}`);
      history.replaceState(null, "", `/initiatives/${c.service.route}/${c.name}/${id}`);
      return initiative(main, [c.service.route, c.name, id]);
    } catch { /* not this collection */ }
  }
  replace(main, h("h1", {}, t("notFound")));
}

export async function initiative(main: HTMLElement, [route, name, id]: string[]): Promise<void> {
  const service = serviceOf(route);
  const collection = service && (await collectionsOf(service)).find((c) => c.name === name);
  if (!collection) { replace(main, h("h1", {}, t("notFound"))); return; }
  const url = `${collection.path}/${id}`;
  const answer = await call<State>(url);
  const version = versionOf(answer.etag) ?? Number(answer.body.version ?? 0);
  const who = person();
  const reload = () => navigate(location.pathname);

  replace(main,
    h("h1", {}, `${collection.service.name} · ${collection.name}`),
    h("p", { class: "initiative-id" }, id, " · ", h("span", { id: "version" }, `${t("version")} ${version}`)),
    h("section", { "aria-labelledby": "state-h" }, h("h2", { id: "state-h" }, t("state")), stateView(answer.body, "state")),
    mayWrite(who, collection.service) ? commands(collection, url, version, reload) : h("p", { class: "read-only" }, t("viewerOnly")),
    mayAudit(who) ? await audit(url, version) : null);
}

function commands(collection: Collection, url: string, version: number, reload: () => void): HTMLElement {
  return h("section", { "aria-labelledby": "commands-h", class: "commands" }, h("h2", { id: "commands-h" }, t("commands")),
    ...collection.commands.map((operation) => h("details", { class: "command-box" },
      h("summary", {}, operation.name),
      commandForm({ operation, url: `${url}/${operation.name}`, version, onDone: reload, onStale: reload }))));
}

export function stateView(state: State, id: string): HTMLElement {
  return h("dl", { class: "state", id }, ...Object.entries(state).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, display(v))]));
}

async function audit(url: string, version: number): Promise<HTMLElement> {
  const [entries, verdict] = await Promise.all([get<History>(`${url}/history?pageSize=200`), get<Verification>(`${url}/verify`)]);
  const badge = verdict.intact
    ? h("p", { class: "badge intact", id: "verification" }, "✔ ", t("intact"), ` (${verdict.events})`)
    : h("p", { class: "badge broken", id: "verification", role: "alert" }, "✘ ", `${t("broken")}: ${t("brokenAt")} ${verdict.brokenAtVersion} · ${verdict.break ?? ""}`,
        verdict.detail ? h("br") : null, verdict.detail ?? "");

  const timeline = h("ol", { class: "timeline", id: "timeline" }, ...entries.items.map((e) => h("li", { "data-version": e.version },
    h("p", {}, h("strong", {}, `v${e.version} · ${e.type}`)),
    h("dl", { class: "meta" },
      h("dt", {}, t("who")), h("dd", {}, e.metadata.user ?? "—"),
      h("dt", {}, t("department")), h("dd", {}, e.metadata.department ?? "—"),
      h("dt", {}, t("client")), h("dd", {}, e.metadata.client ?? "—"),
      h("dt", {}, t("when")), h("dd", {}, instant(e.timestamp)),
      h("dt", {}, t("what")), h("dd", {}, e.metadata.command ?? e.type, ": ", summary(e.data))))));

  const slider = h("input", { type: "range", id: "replay-version", min: 1, max: version, value: version, step: 1 });
  const dateInput = h("input", { type: "datetime-local", id: "replay-date", step: 1 });
  const shown = h("div", { id: "replay", "aria-live": "polite" });
  const show = async (query: string) => {
    const then = await get<Replayed>(`${url}?${query}`).catch(() => null);
    if (!then) { replace(shown, h("p", {}, t("notFound"))); return; }
    slider.value = String(then.version);
    const before = then.version > 1 ? await get<Replayed>(`${url}?version=${then.version - 1}`) : null;
    replace(shown,
      h("p", { id: "replay-at" }, `${t("version")} ${then.version} · ${instant(then.timestamp)}`),
      stateView(then.state, "replay-state"),
      h("h3", {}, t("changedSince")),
      h("ul", { id: "replay-changes" }, ...changes(before?.state ?? {}, then.state).map((c) => h("li", {}, c))));
  };
  slider.addEventListener("change", () => void show(`version=${slider.value}`));
  const dateForm = h("form", {}, h("label", { for: "replay-date" }, t("replayDate")), " ", dateInput, " ", h("button", { type: "submit" }, t("show")));
  dateForm.addEventListener("submit", (e) => { e.preventDefault(); if (dateInput.value) void show(`asOf=${new Date(dateInput.value + "Z").toISOString()}`); });

  return h("section", { "aria-labelledby": "audit-h" },
    h("h2", { id: "audit-h" }, t("verification")), badge,
    h("h2", {}, t("replay")),
    h("p", {}, h("label", { for: "replay-version" }, t("replayVersion")), " ", slider),
    dateForm, shown,
    h("h2", {}, t("history")), timeline);
}

function summary(data: Record<string, unknown>): string {
  return Object.entries(data).filter(([, v]) => v !== null && typeof v !== "object").slice(0, 4).map(([k, v]) => `${k} ${display(v)}`).join(", ");
}

function changes(before: State, after: State): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${display(before[k])} → ${display(after[k])}`);
}
