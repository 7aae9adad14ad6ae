import { geoEqualEarth, geoPath } from "d3-geo";
import { numericToAlpha2 } from "i18n-iso-countries";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, Geometry } from "geojson";
import atlas from "world-atlas/countries-110m.json";
import { h, replace, svg } from "../dom";
import { countryName, display, t } from "../i18n";
import type { CitySummary as City } from "../portfolio";

// Countries coloured by Seoul's partner-city ties and initiatives there, from Portfolio's cities; shapes from world-atlas
// (ISO 3166 numeric ids), bundled. Choosing a country lists its cities, each a link to its 360° page.
export function worldMap(cities: City[]): HTMLElement {
  const byCountry = new Map<string, City[]>();
  for (const city of cities) {
    byCountry.set(city.country, [...(byCountry.get(city.country) ?? []), city]);
  }
  // A country weighs its ties and initiatives together (a city's initiatives count its ties).
  const weight = (list: City[]) => list.reduce((n, c) => n + c.initiatives, 0);
  const max = Math.max(1, ...[...byCountry.values()].map(weight));

  const topology = atlas as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = (feature(topology, topology.objects.countries) as unknown as { features: Feature<Geometry>[] }).features;
  const projection = geoEqualEarth().fitSize([960, 470], { type: "Sphere" });
  const path = geoPath(projection);
  const list = h("div", { id: "map-cities", "aria-live": "polite" }, h("p", {}, t("mapHint")));

  const shapes = countries.map((country) => {
    const alpha2 = numericToAlpha2(String(country.id ?? "").padStart(3, "0"));
    const mine = alpha2 ? byCountry.get(alpha2) : undefined;
    const shape = svg("path", { d: path(country) ?? "", class: mine ? `country level-${Math.ceil((weight(mine) / max) * 4)}` : "country" });
    if (!mine || !alpha2) return shape;
    const link = svg("a", { href: `#${alpha2}`, "aria-label": `${countryName(alpha2)}: ${mine.length}`, "data-country": alpha2 }, shape);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      replace(list, h("h3", {}, `${t("citiesIn")} ${countryName(alpha2)}`),
        h("ul", {}, ...mine.map((c) => h("li", {}, h("a", { href: `/cities/${c.key}` }, c.name), ` · ${display(c.ties)}`))));
    });
    return link;
  });
  const map = svg("svg", { viewBox: "0 0 960 470", role: "group", "aria-label": t("worldMap"), class: "world" }, ...shapes);
  return h("div", { class: "map" }, map, list);
}
