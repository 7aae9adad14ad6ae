import { h } from "../dom";
import { display } from "../i18n";

// Portfolio's answers rendered without knowing every field in advance: numbers become figures tagged with their JSON path
// (data-figure), so what the page shows can be checked against the API's answer field by field.
type Json = unknown;

export function figures(source: string, value: Json, path = "", depth = 0): HTMLElement | string {
  if (value === null || typeof value !== "object") return display(value);
  if (isMoney(value)) return h("span", { "data-source": source, "data-figure": `${path}.amount` }, display(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    if (value.every((v) => v === null || typeof v !== "object")) return display(value);
    return h("ul", { class: "figures-list" }, ...value.slice(0, 50).map((v, i) => h("li", {}, figures(source, v, `${path}[${i}]`, depth + 1))));
  }
  const entries = Object.entries(value as Record<string, Json>);
  return h("dl", { class: depth === 0 ? "figures" : "figures nested" }, ...entries.flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    return [h("dt", {}, label(k)), h("dd", typeof v === "number" ? { "data-source": source, "data-figure": at } : {},
      depth > 4 ? display(v) : figures(source, v, at, depth + 1))];
  }));
}

export const isMoney = (v: unknown): v is { amount: number; currency: string } =>
  typeof v === "object" && v !== null && "amount" in v && "currency" in v;

/** "partnerCities" -> "partner cities". */
export const label = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** The first value under a key matching <paramref name="pattern"/>, searched depth-first. */
export function find(value: Json, pattern: RegExp, depth = 0): Json {
  if (value === null || typeof value !== "object" || depth > 5) return undefined;
  for (const [k, v] of Object.entries(value as Record<string, Json>)) if (pattern.test(k)) return v;
  for (const v of Object.values(value as Record<string, Json>)) {
    const found = find(v, pattern, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Items of a page ({items}) or a bare list. */
export const itemsOf = (value: Json): Record<string, Json>[] =>
  Array.isArray(value) ? value : value && typeof value === "object" && Array.isArray((value as { items?: Json[] }).items)
    ? ((value as { items: Record<string, Json>[] }).items) : [];
