import { ApiError, get } from "../api";
import { h, replace } from "../dom";
import { decade, display, t, term } from "../i18n";
import type { Assets, CitySummary, DirectionFindings, Finding, FunnelStage, FunnelStages, GoalProgress, InitiativeRef, Page, Tally } from "../portfolio";
import { inventory, moneyTable } from "./assets";
import requests from "./dashboard-requests.json";
import { figure } from "./figures";
import { worldMap } from "./map";

// The dashboard's data comes in the few requests listed in dashboard-requests.json (the build prints the count), in
// this order: assets, cities, funnel, directions, goals.
const [assetsPath, citiesPath, funnelPath, directionsPath, goalsPath] = requests as [string, string, string, string, string];

type Answer<T> = T | ApiError;

const load = <T>(path: string): Promise<Answer<T>> =>
  get<T>(path).catch((e: unknown) => (e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) })));

export async function dashboard(main: HTMLElement): Promise<void> {
  const [assets, cities, funnel, directions, goals] = await Promise.all([
    load<Assets>(assetsPath), load<Page<CitySummary>>(citiesPath), load<FunnelStages>(funnelPath),
    load<DirectionFindings>(directionsPath), load<Page<GoalProgress>>(goalsPath)]);
  if ([assets, cities, funnel, directions, goals].every((a) => a instanceof ApiError)) {
    replace(main, h("h1", {}, t("dashboard")), h("p", { role: "alert", class: "problem", id: "portfolio-missing" }, t("portfolioMissing")));
    return;
  }
  replace(main, h("h1", {}, t("dashboard")),
    section("assets", t("assets"), assets, inventory),
    section("map", t("worldMap"), cities, (c) => worldMap(c.items)),
    section("decades", t("decades"), assets, (a) => decades(a.partnerCities.byDecade)),
    section("funnel", t("funnel"), funnel, (f) => stages(f.items)),
    section("sdgs", t("sdgs"), assets, (a) => sdgGrid(a.policies.bySdg)),
    section("money", t("money"), assets, moneyTable),
    section("directions", t("directions"), directions, (d) => directionList(d.items)),
    section("goals", t("goals"), goals, (g) => goalList(g.items)));
}

function section<T>(id: string, title: string, data: Answer<T>, render: (d: T) => Node | string): HTMLElement {
  return h("section", { "aria-labelledby": `${id}-h`, id, class: "card" }, h("h2", { id: `${id}-h` }, title),
    data instanceof ApiError ? h("p", { class: "problem" }, `${t("unavailable")} (${data.problem.status})`) : render(data));
}

/** Ties signed per decade, from the assets' partnerCities.byDecade (in the API's order, the decades' own). */
function decades(byDecade: Tally): Node | string {
  const entries = Object.entries(byDecade);
  if (entries.length === 0) return t("noTieSigned");
  const max = Math.max(...entries.map(([, n]) => n));
  return h("ul", { class: "bars" }, ...entries.map(([name, n]) => h("li", { "data-decade": name },
    h("span", { class: "bar-label" }, decade(name)), h("meter", { min: 0, max, value: n, "aria-label": decade(name) }),
    " ", figure("assets", `partnerCities.byDecade.${name}`, n))));
}

function stages(items: FunnelStage[]): Node | string {
  if (items.length === 0) return t("none");
  const max = Math.max(1, ...items.map((s) => s.count));
  return h("ol", { class: "funnel" }, ...items.map((s, i) => h("li", {},
    h("span", { class: "bar-label" }, term(s.stage)),
    h("meter", { min: 0, max, value: s.count, "aria-label": term(s.stage) }),
    " ", figure("funnel", `items[${i}].count`, s.count),
    s.conversion !== undefined ? ` · ${display(Math.round(s.conversion * 100))} %` : "")));
}

/** The 17 goals, each with the number of catalogued policies serving it (assets' policies.bySdg, keyed "01" to "17"). */
function sdgGrid(bySdg: Tally): HTMLElement {
  return h("ol", { class: "sdg-grid" }, ...Array.from({ length: 17 }, (_, i) => {
    const key = String(i + 1).padStart(2, "0");
    const n = bySdg[key];
    return h("li", { class: n ? "sdg on" : "sdg" }, h("span", { class: "sdg-number" }, `SDG ${i + 1}`), " ",
      n === undefined ? display(0) : figure("assets", `policies.bySdg.${key}`, n));
  }));
}

function directionList(items: Finding[]): Node | string {
  if (items.length === 0) return t("none");
  return h("ul", { class: "directions" }, ...items.map((d) => h("li", {},
    h("p", {}, h("strong", {}, term(d.rule)), ` · ${d.subject} (${d.threshold})`),
    h("p", {}, d.suggestion),
    d.evidence.length ? h("p", {}, `${t("evidence")}: `, ...d.evidence.map((e, i) => [i ? ", " : "", evidenceLink(e)])) : null)));
}

const evidenceLink = (e: InitiativeRef): HTMLElement => h("a", { href: `/initiatives/${e.service}/${e.collection}/${e.id}` }, e.title);

function goalList(items: GoalProgress[]): Node | string {
  if (items.length === 0) return t("none");
  return h("ul", { class: "goals" }, ...items.map(({ goal, current, share, onTrack }, i) => h("li", {},
    h("p", {}, h("strong", {}, goal.title), " · ", figure("goals", `items[${i}].current`, current), " / ",
      figure("goals", `items[${i}].goal.target`, goal.target), ` · ${t("deadline")} ${display(goal.deadline)} · `,
      goal.status === "open" ? t(onTrack ? "onTrack" : "behind") : t(goal.status)),
    h("p", {}, h("label", { for: `goal-${i}` }, t("progress")), " ", h("progress", { id: `goal-${i}`, max: 1, value: share }),
      ` ${display(Math.round(share * 100))} %`))));
}
