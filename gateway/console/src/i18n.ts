// Korean and English. The browser's language picks the default; the choice is kept for the tab (not a token, not personal).
export type Lang = "en" | "ko";

const en = {
  title: "Seoul City Diplomacy", skip: "Skip to content", dashboard: "Dashboard", lists: "Lists", audit: "Auditor tools",
  signIn: "Sign in", signOut: "Sign out", signedInAs: "Signed in as", language: "Language", loading: "Loading…",
  welcome: "The platform of Seoul's city diplomacy: its networks, partner cities, shared policies, peace programs and exports.",
  notConfigured: "No identity provider is configured for the console (Auth__Authority).",
  signInFailed: "Signing in could not be completed: the sign-in service did not answer, or its answer was not usable. Try again in a moment.",
  collections: "Collections", service: "Service", filters: "Filters", apply: "Apply", page: "Page", of: "of", previous: "Previous",
  next: "Next", items: "items", none: "Nothing here yet.", open: "Open", state: "State", history: "History", version: "Version",
  replay: "Replay", replayVersion: "Version to replay", replayDate: "Or an instant", show: "Show", changedSince: "Changed since the version before",
  verification: "Verification", intact: "Intact: the hash chain holds", broken: "Broken", brokenAt: "broken at version",
  commands: "Commands", create: "New", send: "Send", cancel: "Cancel", reload: "Reload", stale: "Someone changed this since you read it.",
  keyReused: "This form was already sent with other values.", unreachable: "No answer came back. Send again: it is recorded only once.",
  rule: "The current state does not allow this", invalid: "Some fields are invalid", done: "Done", who: "Who", department: "Department",
  client: "Client", when: "When", what: "What", exportLog: "Export the log (NDJSON)", verifyService: "Verify every stream",
  openById: "Open an initiative by id", initiativeId: "Initiative id", download: "Download", unavailable: "Not available",
  portfolioMissing: "The Portfolio service does not answer; the dashboard needs it.", assets: "Assets", worldMap: "Partner cities and initiatives by country",
  decades: "Ties over the decades", funnel: "Making → Sharing → Selling", sdgs: "Sustainable Development Goals", money: "Money per currency and year",
  directions: "Directions", evidence: "Evidence", goals: "Strategy goals", progress: "Progress", cities: "Cities", city: "City", network: "Network",
  country: "Country", count: "Count", timeline: "Timeline", error: "Error", forbidden: "Your role may not see this.", notFound: "Not found.",
  mapHint: "Choose a country to list its cities.", citiesIn: "Cities in", viewerOnly: "Your role reads only: no commands.",
  networks: "City networks", partnerCities: "Partner cities", policies: "Policies", exchanges: "Exchanges", peacePrograms: "Peace programs",
  exportProjects: "Export projects", total: "Total", byTie: "By tie", byStatus: "By status", byJurisdiction: "By jurisdiction",
  byRegion: "By region", bySector: "By sector (OECD DAC)", byChannel: "By channel", byArea: "By area", byStage: "By stage",
  participantsTrained: "Participants trained", membership: "Membership", rolesNow: "Roles now", hostingsDelivered: "Hostings delivered",
  feesPaid: "Fees paid", item: "Item", year: "Year", currency: "Currency", amount: "Amount", allocated: "Peace programs: allocated",
  spent: "Peace programs: spent", contracted: "Export contracts", noTieSigned: "No tie has been signed yet.", target: "Target",
  region: "Region", tie: "Tie", deadline: "Deadline", onTrack: "On track", behind: "Behind", achieved: "Achieved", dropped: "Dropped",
} as const;

export type Key = keyof typeof en;

const ko: Record<Key, string> = {
  title: "서울시 도시외교", skip: "본문으로 건너뛰기", dashboard: "대시보드", lists: "목록", audit: "감사 도구",
  signIn: "로그인", signOut: "로그아웃", signedInAs: "로그인 사용자", language: "언어", loading: "불러오는 중…",
  welcome: "서울시 도시외교 플랫폼: 국제기구 네트워크, 자매·우호도시, 정책공유, 평화협력 사업과 해외진출.",
  notConfigured: "콘솔에 설정된 인증 제공자가 없습니다 (Auth__Authority).",
  signInFailed: "로그인을 완료하지 못했습니다. 로그인 서비스가 응답하지 않았거나 응답을 사용할 수 없습니다. 잠시 후 다시 시도하세요.",
  collections: "컬렉션", service: "서비스", filters: "필터", apply: "적용", page: "페이지", of: "/", previous: "이전",
  next: "다음", items: "건", none: "아직 없습니다.", open: "열기", state: "상태", history: "이력", version: "버전",
  replay: "재현", replayVersion: "재현할 버전", replayDate: "또는 시점", show: "보기", changedSince: "이전 버전 이후 바뀐 것",
  verification: "검증", intact: "무결: 해시 체인이 유지됩니다", broken: "손상", brokenAt: "손상된 버전",
  commands: "명령", create: "새로 만들기", send: "보내기", cancel: "취소", reload: "다시 불러오기", stale: "읽은 뒤 다른 사람이 바꾸었습니다.",
  keyReused: "이 양식은 이미 다른 값으로 보내졌습니다.", unreachable: "응답을 받지 못했습니다. 다시 보내도 한 번만 기록됩니다.",
  rule: "현재 상태에서는 할 수 없습니다", invalid: "잘못된 항목이 있습니다", done: "완료", who: "누가", department: "부서",
  client: "클라이언트", when: "언제", what: "무엇을", exportLog: "로그 내보내기 (NDJSON)", verifyService: "모든 스트림 검증",
  openById: "ID로 사업 열기", initiativeId: "사업 ID", download: "내려받기", unavailable: "사용할 수 없음",
  portfolioMissing: "포트폴리오 서비스가 응답하지 않습니다. 대시보드에 필요합니다.", assets: "외교 자산", worldMap: "국가별 자매·우호도시와 사업",
  decades: "연대별 도시 결연", funnel: "만들기 → 나누기 → 팔기", sdgs: "지속가능발전목표", money: "통화·연도별 금액",
  directions: "방향", evidence: "근거", goals: "전략 목표", progress: "진척", cities: "도시", city: "도시", network: "네트워크",
  country: "국가", count: "건수", timeline: "연표", error: "오류", forbidden: "이 역할로는 볼 수 없습니다.", notFound: "찾을 수 없습니다.",
  mapHint: "국가를 고르면 그 나라의 도시가 나옵니다.", citiesIn: "도시 목록:", viewerOnly: "읽기 전용 역할입니다: 명령이 없습니다.",
  networks: "도시 네트워크", partnerCities: "자매·우호도시", policies: "정책", exchanges: "정책공유", peacePrograms: "평화협력 사업",
  exportProjects: "해외진출 사업", total: "합계", byTie: "결연 종류별", byStatus: "상태별", byJurisdiction: "행정 단위별",
  byRegion: "지역별", bySector: "분야별 (OECD DAC)", byChannel: "경로별", byArea: "영역별", byStage: "단계별",
  participantsTrained: "연수 참가자", membership: "회원 자격", rolesNow: "현재 직위", hostingsDelivered: "개최 실적",
  feesPaid: "납부한 회비", item: "항목", year: "연도", currency: "통화", amount: "금액", allocated: "평화협력 사업: 배정액",
  spent: "평화협력 사업: 집행액", contracted: "해외진출 계약", noTieSigned: "아직 체결된 결연이 없습니다.", target: "목표",
  region: "지역", tie: "결연", deadline: "기한", onTrack: "순조로움", behind: "뒤처짐", achieved: "달성", dropped: "중단",
};

const dictionaries: Record<Lang, Record<Key, string>> = { en, ko };
const storageKey = "diplomacy.lang";

function initial(): Lang {
  const chosen = sessionStorage.getItem(storageKey);
  if (chosen === "en" || chosen === "ko") return chosen;
  return (navigator.languages ?? [navigator.language]).some((l) => l.toLowerCase().startsWith("ko")) ? "ko" : "en";
}

let current: Lang = initial();

export const lang = (): Lang => current;
export const t = (key: Key): string => dictionaries[current][key];

export function setLang(next: Lang): void {
  current = next;
  sessionStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
}

/** "1968", "1996-05", "1996-05-12" keep their precision: "1968" / "1968년", "May 1996" / "1996년 5월", a full date. */
export function partialDate(value: string): string {
  const [y, m, d] = value.split("-").map(Number);
  const locale = current === "ko" ? "ko-KR" : "en-GB";
  if (m === undefined) return current === "ko" ? `${y}년` : String(y);
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions = d === undefined
    ? { year: "numeric", month: "long", timeZone: "UTC" }
    : { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

export function instant(value: string): string {
  const locale = current === "ko" ? "ko-KR" : "en-GB";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(new Date(value)) + " UTC";
}

const partial = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as a person reads it: dates in the chosen language at their precision, numbers grouped. */
export function display(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") {
    if (partial.test(value)) return partialDate(value);
    if (timestamp.test(value)) return instant(value);
    return value;
  }
  if (typeof value === "number") return value.toLocaleString(current === "ko" ? "ko-KR" : "en-GB");
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (Array.isArray(value)) return value.map(display).join(", ");
  if (typeof value === "object" && value !== null && "amount" in value && "currency" in value) {
    const money = value as { amount: number; currency: string };
    return `${display(money.amount)} ${money.currency}`;
  }
  return JSON.stringify(value);
}

/** A decade as the API names it ("1960s"): "1960s" / "1960년대". */
export const decade = (name: string): string => (current === "ko" ? `${name.replace(/s$/, "")}년대` : name);

// The funnel's stages and the direction rules, as the API names them.
const terms: Record<Lang, Record<string, string>> = {
  en: {
    catalogued: "Catalogued", shared: "Shared", delivered: "Delivered", adopted: "Adopted", intentToProcure: "Intent to procure",
    lead: "Export lead", proposal: "Proposal", contract: "Contract", handedOver: "Handed over",
    dormantTie: "Dormant tie", adoptedNeverSold: "Adopted, never sold", cityWithoutTie: "City without a tie",
    roleTermEnding: "Role term ending", idleNetwork: "Idle network", unsharedSdg: "SDG never shared", longSuspension: "Long suspension",
  },
  ko: {
    catalogued: "정책 등록", shared: "공유", delivered: "전수", adopted: "도입", intentToProcure: "구매 의향",
    lead: "진출 발굴", proposal: "제안", contract: "계약", handedOver: "인계",
    dormantTie: "휴면 결연", adoptedNeverSold: "도입됐으나 미판매", cityWithoutTie: "결연 없는 도시",
    roleTermEnding: "임기 만료 임박", idleNetwork: "활동 없는 네트워크", unsharedSdg: "공유되지 않은 SDG", longSuspension: "장기 중단",
  },
};

/** A funnel stage or a direction rule by its API name, in the chosen language (the name itself if unknown). */
export const term = (name: string): string => terms[current][name] ?? name;

export function countryName(alpha2: string): string {
  try {
    return new Intl.DisplayNames([current], { type: "region" }).of(alpha2.toUpperCase()) ?? alpha2;
  } catch {
    return alpha2;
  }
}
