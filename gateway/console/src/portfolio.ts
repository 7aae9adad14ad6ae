// What the Portfolio API answers, as its records say (services/Portfolio/Reads, Views and Goals; the same shapes its OpenAPI
// document describes at /openapi/portfolio.json). JSON is camelCase, enums are camelCase strings, and a null is left out,
// so a nullable field is optional here. Dates are partial dates: "1968", "1996-05", "1996-05-12".

/** A value of a field mapped to how many initiatives have it, in the values' ordinal order. */
export type Tally = Record<string, number>;

/** An amount in one currency: money is never summed across currencies. */
export interface CurrencyAmount { currency: string; amount: number }

/** A link to an initiative in the service that keeps it. */
export interface InitiativeRef { service: string; collection: string; id: string; title: string; href: string }

export interface Page<T> { items: T[]; pageNumber: number; pageSize: number; totalItems: number; totalPages: number }

export interface RoleTerm { role: string; termStart: string; termEnd?: string; ended: boolean }
export interface Hosting { kind: string; title: string; plannedOn: string; deliveredOn?: string }
export interface FeeYear { year: number; currency: string; paid: number; paidOn?: string }

export interface NetworkAsset {
  networkId: string; acronym: string; name?: string; membershipStatus?: string;
  rolesNow: RoleTerm[]; rolesBefore: RoleTerm[]; hostingsDelivered: Hosting[]; feesPaid: FeeYear[];
}

/** GET /api/portfolio/assets */
export interface Assets {
  asOf?: string;
  networks: NetworkAsset[];
  /** byDecade: ties signed in each decade ("1960s"), by the date of their agreement. */
  partnerCities: { total: number; byTie: Tally; byStatus: Tally; byJurisdiction: Tally; byRegion: Tally; byDecade: Tally };
  /** bySdg: policies per SDG goal, keyed "01" to "17". */
  policies: { total: number; bySector: Tally; bySdg: Tally };
  exchanges: { total: number; byStatus: Tally; byChannel: Tally; participantsTrained: number };
  peacePrograms: { total: number; byArea: Tally; byStatus: Tally; allocated: CurrencyAmount[]; spent: CurrencyAmount[] };
  exportProjects: { total: number; byStage: Tally; contracted: CurrencyAmount[] };
}

/** An item of GET /api/portfolio/cities (a Page). */
export interface CitySummary {
  key: string; name: string; country: string; region: string; tie?: string; tieStatus?: string;
  ties: number; exchanges: number; peacePrograms: number; exportProjects: number; initiatives: number; lat?: number; lon?: number;
}

export interface TimelineEntry { on: string; change: string; service: string; collection: string; id: string; version: number; title: string }

/** GET /api/portfolio/cities/{key} */
export interface CityDetail {
  city: CitySummary; ties: InitiativeRef[]; exchanges: InitiativeRef[]; peacePrograms: InitiativeRef[]; exportProjects: InitiativeRef[];
  timeline: TimelineEntry[];
}

/** An item of GET /api/portfolio/funnel; conversion is the share of the stage before, medianDays the days from it. */
export interface FunnelStage { stage: string; count: number; conversion?: number; medianDays?: number }
export interface FunnelStages { items: FunnelStage[] }

export interface Finding { rule: string; threshold: string; subject: string; evidence: InitiativeRef[]; suggestion: string }
/** GET /api/portfolio/directions */
export interface DirectionFindings { thresholds: Record<string, number>; items: Finding[] }

export interface Indicator { figure: string; region?: string; sector?: string; sdg?: number; networkId?: string; instrument?: string }
export interface Goal {
  id: string; version: number; status: "open" | "achieved" | "dropped"; title: string; indicator: Indicator; target: number;
  deadline: string; revisions: number; achievedOn?: string; droppedOn?: string; dropReason?: string;
}
/** An item of GET /api/portfolio/goals (a Page): the goal's indicator now, the share of its target, and whether it is on track. */
export interface GoalProgress { goal: Goal; current: number; share: number; onTrack: boolean }
