import { h } from "../dom";
import { t, type Key } from "../i18n";
import type { Assets, CurrencyAmount, NetworkAsset } from "../portfolio";
import { figure, figureList, label, tally } from "./figures";

// The assets inventory and its money, from GET /api/portfolio/assets; every number is tagged with its path there.
const source = "assets";

export function inventory(a: Assets): HTMLElement {
  const { partnerCities: ties, policies, exchanges, peacePrograms: programs, exportProjects: projects } = a;
  const part = (key: Key, content: Node | string) => h("div", { class: "asset", id: `assets-${key}` }, h("h3", {}, t(key)), content);
  return h("div", { class: "inventory" },
    part("networks", networkTable(a.networks)),
    part("partnerCities", figureList([
      ["total", figure(source, "partnerCities.total", ties.total)],
      ["byTie", tally(source, "partnerCities.byTie", ties.byTie)],
      ["byStatus", tally(source, "partnerCities.byStatus", ties.byStatus)],
      ["byJurisdiction", tally(source, "partnerCities.byJurisdiction", ties.byJurisdiction)],
      ["byRegion", tally(source, "partnerCities.byRegion", ties.byRegion)]])),
    part("policies", figureList([
      ["total", figure(source, "policies.total", policies.total)],
      ["bySector", tally(source, "policies.bySector", policies.bySector, (code) => code)]])),
    part("exchanges", figureList([
      ["total", figure(source, "exchanges.total", exchanges.total)],
      ["byStatus", tally(source, "exchanges.byStatus", exchanges.byStatus)],
      ["byChannel", tally(source, "exchanges.byChannel", exchanges.byChannel)],
      ["participantsTrained", figure(source, "exchanges.participantsTrained", exchanges.participantsTrained)]])),
    part("peacePrograms", figureList([
      ["total", figure(source, "peacePrograms.total", programs.total)],
      ["byArea", tally(source, "peacePrograms.byArea", programs.byArea)],
      ["byStatus", tally(source, "peacePrograms.byStatus", programs.byStatus)]])),
    part("exportProjects", figureList([
      ["total", figure(source, "exportProjects.total", projects.total)],
      ["byStage", tally(source, "exportProjects.byStage", projects.byStage)]])));
}

function networkTable(networks: NetworkAsset[]): HTMLElement | string {
  if (networks.length === 0) return t("none");
  const head = (key: Key) => h("th", { scope: "col" }, t(key));
  return h("table", {}, h("thead", {}, h("tr", {}, head("network"), head("membership"), head("rolesNow"), head("hostingsDelivered"))),
    h("tbody", {}, ...networks.map((n) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `/networks/${n.networkId}` }, n.acronym), n.name ? ` · ${n.name}` : ""),
      h("td", {}, n.membershipStatus ? label(n.membershipStatus) : "—"),
      h("td", {}, n.rolesNow.length ? n.rolesNow.map((r) => label(r.role)).join(", ") : "—"),
      h("td", {}, n.hostingsDelivered.length ? n.hostingsDelivered.map((x) => x.title).join(", ") : "—")))));
}

interface MoneyRow { item: string; year: number | null; money: CurrencyAmount; path: string }

/**
 * Money per currency and year: the fees paid to each network per year, and the peace programs' funds and the export
 * contracts, which the assets give per currency only. Nothing is summed across currencies.
 */
export function moneyTable(a: Assets): HTMLElement | string {
  const amounts = (item: string, list: CurrencyAmount[], path: string): MoneyRow[] =>
    list.map((money, i) => ({ item, year: null, money, path: `${path}[${i}].amount` }));
  const rows: MoneyRow[] = [
    ...a.networks.flatMap((n, i) => n.feesPaid.map((fee, j): MoneyRow => ({
      item: `${t("feesPaid")} · ${n.acronym}`, year: fee.year, money: { currency: fee.currency, amount: fee.paid }, path: `networks[${i}].feesPaid[${j}].paid`,
    }))),
    ...amounts(t("allocated"), a.peacePrograms.allocated, "peacePrograms.allocated"),
    ...amounts(t("spent"), a.peacePrograms.spent, "peacePrograms.spent"),
    ...amounts(t("contracted"), a.exportProjects.contracted, "exportProjects.contracted"),
  ];
  if (rows.length === 0) return t("none");
  const head = (key: Key) => h("th", { scope: "col" }, t(key));
  return h("table", {}, h("thead", {}, h("tr", {}, head("item"), head("year"), head("currency"), head("amount"))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, h("td", {}, r.item), h("td", {}, r.year === null ? "—" : String(r.year)),
      h("td", {}, r.money.currency), h("td", { class: "amount" }, figure(source, r.path, r.money.amount))))));
}
