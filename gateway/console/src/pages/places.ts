import { get } from "../api";
import { h, replace } from "../dom";
import { countryName, display, t, type Key } from "../i18n";
import type { CityDetail, InitiativeRef, TimelineEntry } from "../portfolio";
import { figure, figureList, figures, label } from "./figures";

// A city's 360° page and a network's page, from Portfolio. Timeline entries name their initiative, which links to its page.
export async function city(main: HTMLElement, [key]: string[]): Promise<void> {
  const data = await get<CityDetail>(`/api/portfolio/cities/${encodeURIComponent(key)}`);
  const c = data.city;
  const refs = (list: InitiativeRef[]) => list.length === 0 ? "—" : h("ul", {}, ...list.map((r) => h("li", {}, link(r.service, r.collection, r.id, r.title))));
  const rows: [Key, HTMLElement | string][] = [
    ["country", countryName(c.country)], ["region", label(c.region)],
    ["tie", c.tie ? `${label(c.tie)}${c.tieStatus ? ` (${label(c.tieStatus)})` : ""}` : "—"], ["partnerCities", refs(data.ties)], ["exchanges", refs(data.exchanges)],
    ["peacePrograms", refs(data.peacePrograms)], ["exportProjects", refs(data.exportProjects)],
    ["total", figure("city", "city.initiatives", c.initiatives)],
  ];
  replace(main, h("h1", { id: "city-name" }, c.name),
    h("section", { "aria-labelledby": "city-h" }, h("h2", { id: "city-h" }, t("city")), figureList(rows)),
    h("section", { "aria-labelledby": "timeline-h" }, h("h2", { id: "timeline-h" }, t("timeline")),
      data.timeline.length === 0 ? h("p", {}, t("none")) : h("ol", { class: "timeline" }, ...data.timeline.map(entry))));
}

export async function network(main: HTMLElement, [id]: string[]): Promise<void> {
  const data = await get<{ acronym: string; name?: string }>(`/api/portfolio/networks/${encodeURIComponent(id)}`);
  replace(main, h("h1", {}, data.acronym),
    h("section", { "aria-labelledby": "network-h" }, h("h2", { id: "network-h" }, t("network")), figures(data)));
}

const link = (service: string, collection: string, id: string, title: string): HTMLElement =>
  h("a", { href: `/initiatives/${service}/${collection}/${id}` }, title);

const entry = (e: TimelineEntry): HTMLElement =>
  h("li", {}, h("strong", {}, display(e.on)), " · ", link(e.service, e.collection, e.id, e.title), ` — ${e.change}`);
