import { ApiError, get } from "../api";
import { h, replace } from "../dom";
import { display, t } from "../i18n";
import requests from "./dashboard-requests.json";
import { figures, find, itemsOf, label } from "./figures";
import { worldMap } from "./map";

type Json = unknown;

// The dashboard's data comes in the few requests listed in dashboard-requests.json (the build prints the count).
export async function dashboard(main: HTMLElement): Promise<void> {
  const [assets, cities, funnel, directions, goals] = await Promise.all(requests.map((path) => get<Json>(path).catch((e: unknown) => e)));
  if ([assets, cities, funnel, directions, goals].every(failed)) {
    replace(main, h("h1", {}, t("dashboard")), h("p", { role: "alert", class: "problem", id: "portfolio-missing" }, t("portfolioMissing")));
    return;
  }
  const section = (id: string, title: string, data: Json, render: (d: Json) => Node | string) =>
    h("section", { "aria-labelledby": `${id}-h`, id, class: "card" }, h("h2", { id: `${id}-h` }, title),
      failed(data) ? h("p", { class: "problem" }, `${t("unavailable")} (${(data as ApiError).problem?.status ?? ""})`) : render(data));

  replace(main, h("h1", {}, t("dashboard")),
    section("assets", t("assets"), assets, (d) => figures("assets", d)),
    section("map", t("worldMap"), cities, (d) => worldMap(itemsOf(d))),
    section("decades", t("decades"), cities, (d) => decades(itemsOf(d), assets)),
    section("funnel", t("funnel"), funnel, (d) => stages(d)),
    section("sdgs", t("sdgs"), assets, (d) => sdgGrid(find(d, /sdg/i))),
    section("money", t("money"), assets, (d) => moneyTable(d)),
    section("directions", t("directions"), directions, (d) => directionList(itemsOf(d))),
    section("goals", t("goals"), goals, (d) => goalList(itemsOf(d))));
}

const failed = (v: Json): boolean => v instanceof Error;

function decades(cities: Record<string, Json>[], assets: Json): Node | string {
  const given = find(assets, /decade/i);
  if (given && typeof given === "object") return figures("assets", given, "decades");
  const counts = new Map<string, number>();
  for (const city of cities) for (const date of datesOf(city)) {
    const decade = `${date.slice(0, 3)}0s`;
    counts.set(decade, (counts.get(decade) ?? 0) + 1);
  }
  if (counts.size === 0) return t("none");
  const max = Math.max(...counts.values());
  return h("ul", { class: "bars" }, ...[...counts].sort().map(([decade, n]) =>
    h("li", {}, h("span", { class: "bar-label" }, decade), h("meter", { min: 0, max, value: n, "aria-label": decade }), ` ${n}`)));
}

/** When each tie of a city began: its signed or proposed dates (partial dates, "1968"). */
function datesOf(city: Record<string, Json>): string[] {
  const ties = Array.isArray(city.ties) ? (city.ties as Record<string, Json>[]) : [city];
  return ties.map((tie) => tie.signedOn ?? tie.since ?? tie.proposedOn).filter((d): d is string => typeof d === "string" && /^\d{4}/.test(d));
}

function stages(funnel: Json): Node | string {
  const list = itemsOf(funnel).length ? itemsOf(funnel) : itemsOf(find(funnel, /stages/i));
  if (list.length === 0) return figures("funnel", funnel);
  const max = Math.max(1, ...list.map((s) => Number(s.count ?? 0)));
  return h("ol", { class: "funnel" }, ...list.map((s, i) => h("li", {},
    h("span", { class: "bar-label" }, label(String(s.stage ?? s.name ?? i))),
    h("meter", { min: 0, max, value: Number(s.count ?? 0), "aria-label": String(s.stage ?? s.name ?? i) }),
    " ", h("span", { "data-source": "funnel", "data-figure": `stages[${i}].count` }, display(s.count ?? 0)),
    s.conversion !== undefined && s.conversion !== null ? ` · ${display(Math.round(Number(s.conversion) * 100))} %` : "")));
}

function sdgGrid(bySdg: Json): Node | string {
  const counts = new Map<number, number>();
  if (Array.isArray(bySdg)) for (const e of bySdg as Record<string, Json>[]) counts.set(Number(e.goal ?? e.sdg ?? e.key), Number(e.count ?? e.policies ?? 0));
  else if (bySdg && typeof bySdg === "object") for (const [k, v] of Object.entries(bySdg)) counts.set(Number(k), Number(typeof v === "number" ? v : (v as Record<string, Json>)?.count ?? 0));
  return h("ol", { class: "sdg-grid" }, ...Array.from({ length: 17 }, (_, i) => i + 1).map((goal) =>
    h("li", { class: counts.get(goal) ? "sdg on" : "sdg" }, h("span", { class: "sdg-number" }, `SDG ${goal}`), " ", display(counts.get(goal) ?? 0))));
}

function moneyTable(assets: Json): Node | string {
  const rows: [string, string, number][] = [];
  const walk = (v: Json, year: string | null, depth: number) => {
    if (!v || typeof v !== "object" || depth > 6) return;
    const o = v as Record<string, Json>;
    // Money as {amount, currency}, a fee year as {year, currency, paid}, or a total per currency as {"USD": 15000}.
    const amount = o.amount ?? o.paid;
    if (typeof o.currency === "string" && typeof amount === "number") {
      rows.push([String(o.year ?? year ?? "—"), o.currency, amount]);
      return;
    }
    for (const [k, child] of Object.entries(o)) {
      if (/^[A-Z]{3}$/.test(k) && typeof child === "number") { rows.push([year ?? "—", k, child]); continue; }
      walk(child, /^\d{4}$/.test(k) ? k : (typeof o.year === "number" ? String(o.year) : year), depth + 1);
    }
  };
  walk(assets, null, 0);
  const totals = new Map<string, number>();
  for (const [year, currency, amount] of rows) totals.set(`${year}|${currency}`, (totals.get(`${year}|${currency}`) ?? 0) + amount);
  if (totals.size === 0) return t("none");
  return h("table", {}, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "year"), h("th", { scope: "col" }, "currency"), h("th", { scope: "col" }, "amount"))),
    h("tbody", {}, ...[...totals].sort().map(([k, amount]) => { const [year, currency] = k.split("|"); return h("tr", {}, h("td", {}, year), h("td", {}, currency), h("td", {}, display(amount))); })));
}

function directionList(items: Record<string, Json>[]): Node | string {
  if (items.length === 0) return t("none");
  return h("ul", { class: "directions" }, ...items.map((d) => h("li", {},
    h("p", {}, h("strong", {}, label(String(d.title ?? d.rule ?? d.finding ?? ""))), d.subject ? ` · ${d.subject}` : "",
      d.threshold ? ` (${d.threshold})` : ""),
    d.suggestion ? h("p", {}, String(d.suggestion)) : null,
    Array.isArray(d.evidence) && d.evidence.length ? h("p", {}, `${t("evidence")}: `, ...(d.evidence as Json[]).map((e, i) => [i ? ", " : "", evidenceLink(e)])) : null)));
}

/** An evidence reference as a console link: an initiative (service, collection, id), a city key, or a path. */
function evidenceLink(e: Json): Node {
  const ref = (typeof e === "object" && e !== null ? e : { href: e }) as Record<string, Json>;
  if (ref.service && ref.collection && ref.id) return h("a", { href: `/initiatives/${ref.service}/${ref.collection}/${ref.id}` }, String(ref.title ?? ref.id));
  if (ref.cityKey || ref.key) return h("a", { href: `/cities/${ref.cityKey ?? ref.key}` }, String(ref.title ?? ref.cityKey ?? ref.key));
  const href = String(ref.href ?? ref.url ?? ref.path ?? "");
  const m = /^\/api\/([a-z]+)\/([a-z-]+)\/([0-9a-f-]{36})/.exec(href);
  return m ? h("a", { href: `/initiatives/${m[1]}/${m[2]}/${m[3]}` }, String(ref.title ?? m[3].slice(0, 8))) : h("span", {}, String(ref.title ?? href));
}

function goalList(items: Record<string, Json>[]): Node | string {
  if (items.length === 0) return t("none");
  return h("ul", { class: "goals" }, ...items.map((g, i) => {
    // A goal's progress: {goal, current, share, onTrack}, or a goal with its own progress.
    const goal = (g.goal && typeof g.goal === "object" ? g.goal : g) as Record<string, Json>;
    const progress = Number(g.share ?? g.progress ?? g.percentComplete ?? 0);
    const fraction = Math.min(1, progress > 1 ? progress / 100 : progress);
    return h("li", {}, h("p", {}, h("strong", {}, String(goal.title ?? goal.name ?? goal.id ?? i)),
        g.current !== undefined ? ` · ${display(g.current)}` : "", g.onTrack === false ? " ⚠" : ""),
      h("p", {}, h("label", { for: `goal-${i}` }, t("progress")), " ", h("progress", { id: `goal-${i}`, max: 1, value: fraction }), ` ${Math.round(fraction * 100)} %`));
  }));
}
