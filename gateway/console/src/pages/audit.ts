import { call } from "../api";
import { services } from "../catalog";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { navigate } from "../main";

// Auditor tools: a service's whole log as NDJSON, a verification of every stream, and any initiative by its id.
export async function auditTools(main: HTMLElement): Promise<void> {
  const choose = h("select", { id: "audit-service" }, ...services.map((s) => h("option", { value: s.route }, s.name)));
  const output = h("div", { id: "audit-output", "aria-live": "polite" });

  const exportButton = h("button", { type: "button", id: "export" }, t("exportLog"));
  exportButton.addEventListener("click", async () => {
    const text = (await call<string>(`/api/${choose.value}/audit/events?from=0`)).body;
    const lines = text.split("\n").filter(Boolean).length;
    const link = h("a", { href: URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" })), download: `${choose.value}.ndjson`, id: "export-link" },
      `${t("download")} ${choose.value}.ndjson (${lines})`);
    replace(output, h("p", {}, link));
  });

  const verifyButton = h("button", { type: "button", id: "verify" }, t("verifyService"));
  verifyButton.addEventListener("click", async () => {
    const text = (await call<string>(`/api/${choose.value}/audit/verify`)).body;
    replace(output, h("pre", { id: "verify-output", tabindex: 0 }, text));
  });

  const idInput = h("input", { id: "initiative-id", name: "id", pattern: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", required: true, size: 40 });
  const open = h("form", { id: "open-by-id" }, h("label", { for: "initiative-id" }, t("initiativeId")), " ", idInput, " ",
    h("button", { type: "submit" }, t("open")));
  open.addEventListener("submit", (e) => { e.preventDefault(); navigate(`/initiatives/${idInput.value.trim().toLowerCase()}`); });

  replace(main, h("h1", {}, t("audit")),
    h("section", { "aria-labelledby": "svc-h" }, h("h2", { id: "svc-h" }, t("service")),
      h("p", {}, h("label", { for: "audit-service" }, t("service")), " ", choose, " ", exportButton, " ", verifyButton), output),
    h("section", { "aria-labelledby": "open-h" }, h("h2", { id: "open-h" }, t("openById")), open));
}
