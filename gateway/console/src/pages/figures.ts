import { h } from "../dom";
import { display, t, type Key } from "../i18n";
import type { Tally } from "../portfolio";

// Numbers of an API answer as the page shows them, each tagged with its answer (data-source) and its JSON path there
// (data-figure), so a test can check what the page shows against the API's answer field by field.

export const figure = (source: string, path: string, value: number): HTMLElement =>
  h("span", { "data-source": source, "data-figure": path }, display(value));

/** A tally ({"sister": 3, "friendship": 1}) as a definition list, each count tagged at `${path}.${value}`. */
export function tally(source: string, path: string, counts: Tally, name: (value: string) => string = label): HTMLElement | string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return "—";
  return h("dl", { class: "figures nested" }, ...entries.flatMap(([value, n]) =>
    [h("dt", {}, name(value)), h("dd", {}, figure(source, `${path}.${value}`, n))]));
}

/** Named figures and tallies of one part of an answer, under their translated names. */
export function figureList(rows: [Key, HTMLElement | string][]): HTMLElement {
  return h("dl", { class: "figures" }, ...rows.flatMap(([key, value]) => [h("dt", {}, t(key)), h("dd", {}, value)]));
}

/** "cityNetwork" -> "city network": a value of the API (a status, a channel) as words. */
export const label = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** A value of any shape as nested definition lists (a network's page shows its record whole this way). */
export function figures(value: unknown, depth = 0): HTMLElement | string {
  if (value === null || typeof value !== "object") return display(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    if (value.every((v) => v === null || typeof v !== "object")) return display(value);
    return h("ul", { class: "figures-list" }, ...value.slice(0, 50).map((v) => h("li", {}, figures(v, depth + 1))));
  }
  if ("amount" in value && "currency" in value) return display(value);
  return h("dl", { class: depth === 0 ? "figures" : "figures nested" }, ...Object.entries(value).flatMap(([k, v]) =>
    [h("dt", {}, label(k)), h("dd", {}, depth > 4 ? display(v) : figures(v, depth + 1))]));
}
