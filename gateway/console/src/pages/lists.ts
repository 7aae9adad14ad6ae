import { get } from "../api";
import { person } from "../auth";
import { allCollections, collectionsOf, mayWrite, serviceOf, services, type Collection } from "../catalog";
import { h, replace } from "../dom";
import { commandForm } from "../forms";
import { display, t } from "../i18n";
import { navigate } from "../main";

interface Page<T> { items: T[]; pageNumber: number; pageSize: number; totalItems: number; totalPages?: number }
type Item = Record<string, unknown>;

export async function listIndex(main: HTMLElement): Promise<void> {
  const collections = await allCollections();
  replace(main, h("h1", {}, t("lists")),
    ...services.map((service) => {
      const mine = collections.filter((c) => c.service === service);
      return h("section", { "aria-labelledby": `svc-${service.route}` },
        h("h2", { id: `svc-${service.route}` }, service.name),
        mine.length === 0 ? h("p", {}, t("unavailable"))
          : h("ul", {}, ...mine.map((c) => h("li", {}, h("a", { href: `/lists/${service.route}/${c.name}` }, c.name)))));
    }));
}

export async function list(main: HTMLElement, [route, name]: string[]): Promise<void> {
  const service = serviceOf(route);
  const collection = service && (await collectionsOf(service)).find((c) => c.name === name);
  if (!service || !collection) { replace(main, h("h1", {}, t("notFound"))); return; }

  const query = new URLSearchParams(location.search);
  const answer = await get<Page<Item> | Item | Item[]>(`${collection.path}?${query}`);
  const filters = h("form", { class: "filters", role: "search", "aria-label": t("filters") },
    ...collection.filters.map((f) => h("p", {}, h("label", { for: `filter-${f}` }, f), " ",
      h("input", { id: `filter-${f}`, name: f, value: query.get(f) ?? "" }))),
    collection.filters.length ? h("button", { type: "submit" }, t("apply")) : null);
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of collection.filters) {
      const value = (filters.querySelector(`[name="${f}"]`) as HTMLInputElement).value.trim();
      if (value) next.set(f, value);
    }
    navigate(`${location.pathname}?${next}`);
  });

  replace(main,
    h("h1", {}, `${service.name} · ${collection.name}`),
    collection.filters.length ? filters : null,
    creator(collection),
    body(collection, answer, query));
}

function creator(collection: Collection): HTMLElement | null {
  if (!collection.create || !mayWrite(person(), collection.service)) return null;
  const details = h("details", { class: "create" }, h("summary", {}, `${t("create")}: ${collection.name}`));
  details.append(commandForm({
    operation: collection.create, url: collection.path, version: null,
    onDone: (answer) => navigate(`/initiatives/${collection.service.route}/${collection.name}/${answer.body.id}`),
    onStale: () => navigate(location.pathname),
  }));
  return details;
}

function body(collection: Collection, answer: Page<Item> | Item | Item[], query: URLSearchParams): HTMLElement {
  const page = Array.isArray(answer) ? null : (answer as Page<Item>).items ? (answer as Page<Item>) : null;
  const items = Array.isArray(answer) ? answer : page?.items;
  if (!items) return table([answer as Item], collection);
  if (items.length === 0) return h("p", {}, t("none"));
  const section = h("section", { "aria-label": collection.name }, table(items, collection));
  if (page) {
    const pages = page.totalPages ?? Math.max(1, Math.ceil(page.totalItems / page.pageSize));
    const go = (n: number) => { const q = new URLSearchParams(query); q.set("page", String(n)); return `${location.pathname}?${q}`; };
    section.append(h("nav", { class: "paging", "aria-label": t("page") },
      page.pageNumber > 1 ? h("a", { href: go(page.pageNumber - 1) }, t("previous")) : null, " ",
      h("span", { class: "page-of" }, `${t("page")} ${page.pageNumber} ${t("of")} ${pages} · ${page.totalItems} ${t("items")}`), " ",
      page.pageNumber < pages ? h("a", { href: go(page.pageNumber + 1) }, t("next")) : null));
  }
  return section;
}

/** The items' scalar fields as columns; the id links to the initiative's page. */
export function table(items: Item[], collection?: Collection): HTMLTableElement {
  const columns = [...new Set(items.flatMap((i) => Object.keys(i)))].filter((k) => items.some((i) => isShown(i[k]))).slice(0, 9);
  return h("table", {},
    h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, ...items.map((item) => h("tr", {}, ...columns.map((c) => h("td", {},
      c === "id" && collection?.isStream
        ? h("a", { href: `/initiatives/${collection.service.route}/${collection.name}/${item.id}` }, String(item.id).slice(0, 8))
        : display(item[c])))))));
}

const isShown = (v: unknown): boolean =>
  v === null || ["string", "number", "boolean"].includes(typeof v) || (typeof v === "object" && v !== null && "currency" in v)
  || (Array.isArray(v) && v.every((x) => typeof x !== "object"));
