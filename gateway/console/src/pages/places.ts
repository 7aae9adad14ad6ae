import { get } from "../api";
import { h, replace } from "../dom";
import { display, t } from "../i18n";
import { figures, itemsOf } from "./figures";

type Json = Record<string, unknown>;

// A city's 360° page and a network's page, from Portfolio. Timeline entries name their initiative, which links to its page.
export async function city(main: HTMLElement, [key]: string[]): Promise<void> {
  const data = await get<Json>(`/api/portfolio/cities/${encodeURIComponent(key)}`);
  const timeline = itemsOf(data.timeline);
  // {city: summary, ties, exchanges, peacePrograms, exportProjects, timeline}: the summary names it.
  const summary = (data.city && typeof data.city === "object" ? data.city : data) as Json;
  const rest = Object.fromEntries(Object.entries(data).filter(([k]) => k !== "timeline"));
  replace(main, h("h1", { id: "city-name" }, String(summary.name ?? key)),
    h("section", { "aria-labelledby": "city-h" }, h("h2", { id: "city-h" }, t("city")), figures("city", rest)),
    h("section", { "aria-labelledby": "timeline-h" }, h("h2", { id: "timeline-h" }, t("timeline")),
      timeline.length === 0 ? h("p", {}, t("none")) : h("ol", { class: "timeline" }, ...timeline.map(entry))));
}

export async function network(main: HTMLElement, [id]: string[]): Promise<void> {
  const data = await get<Json>(`/api/portfolio/networks/${encodeURIComponent(id)}`);
  replace(main, h("h1", {}, String(data.acronym ?? data.name ?? id)),
    h("section", { "aria-labelledby": "network-h" }, h("h2", { id: "network-h" }, t("network")), figures("network", data)));
}

function entry(e: Json): HTMLElement {
  const ref = (e.initiative ?? e) as Json;
  const link = ref.service && ref.collection && ref.id
    ? h("a", { href: `/initiatives/${ref.service}/${ref.collection}/${ref.id}` }, String(e.title ?? e.type ?? ref.id))
    : String(e.title ?? e.type ?? "");
  return h("li", {}, h("strong", {}, display(e.on ?? e.date ?? e.when ?? "")), " · ", link, e.change ?? e.description ? ` — ${e.change ?? e.description}` : "");
}
