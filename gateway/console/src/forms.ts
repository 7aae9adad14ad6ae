import { ApiError, call, type Answer } from "./api";
import type { Operation, Schema } from "./catalog";
import { h } from "./dom";
import { t } from "./i18n";

// A command's form, built from its OpenAPI request schema: one input per leaf field, named by its path ("fee.amount"),
// which is how the services name a field in a 400's errors.
interface Field { path: string; schema: Schema; input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement; message: HTMLElement }

const typeOf = (schema: Schema): string => {
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  return type ?? (schema.properties ? "object" : "string");
};

let counter = 0;

export interface FormOptions {
  operation: Operation;
  url: string;
  version: number | null;
  onDone: (answer: Answer<Record<string, unknown>>) => void;
  onStale: () => void;
}

export function commandForm(options: FormOptions): HTMLFormElement {
  const fields: Field[] = [];
  const id = `form-${++counter}`;
  const status = h("div", { class: "form-status", role: "status", "aria-live": "polite" });
  const body = h("div", { class: "fields" });
  if (options.operation.schema) build(options.operation.schema, "", body, fields, id);

  // A send that failed (network error, 503, timeout) may still have been applied: the same body sent again keeps its
  // Idempotency-Key, so the service records it once and answers as the first time. A new body or a success takes a new key.
  let sent: { body: string; key: string } | null = null;

  const form = h("form", { class: "command", "data-command": options.operation.name, novalidate: true }, body,
    h("p", {}, h("button", { type: "submit" }, t("send"))), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const field of fields) { field.message.textContent = ""; field.input.removeAttribute("aria-invalid"); }
    status.replaceChildren();
    const json = JSON.stringify(valueOf(fields));
    if (sent?.body !== json) sent = { body: json, key: newKey() };
    const headers: Record<string, string> = { "Content-Type": "application/json", "Idempotency-Key": sent.key };
    if (options.version !== null) headers["If-Match"] = `"${options.version}"`;
    try {
      const answer = await call<Record<string, unknown>>(options.url, { method: "POST", headers, body: json });
      sent = null;
      status.replaceChildren(h("p", { class: "ok" }, t("done")));
      options.onDone(answer);
    } catch (error) {
      if (error instanceof TypeError && sent !== null) {
        // fetch got no answer (sent is cleared only once one came): the send may or may not have been applied, and
        // sending again is safe with the same key.
        status.replaceChildren(h("p", { class: "problem", role: "alert" }, t("unreachable")));
        return;
      }
      if (!(error instanceof ApiError)) throw error;
      const problem = error.problem;
      if (problem.status === 400 && problem.errors) {
        const unplaced: string[] = [];
        for (const [name, messages] of Object.entries(problem.errors)) {
          const field = fields.find((f) => f.path.toLowerCase() === name.toLowerCase());
          if (field) {
            field.message.textContent = messages.join(" ");
            field.input.setAttribute("aria-invalid", "true");
          } else unplaced.push(`${name}: ${messages.join(" ")}`);
        }
        status.replaceChildren(h("p", { class: "problem", role: "alert" }, t("invalid")), ...unplaced.map((m) => h("p", { class: "problem" }, m)));
      } else if (problem.status === 409) {
        status.replaceChildren(h("p", { class: "problem rule", role: "alert" }, `${t("rule")}: ${problem.detail ?? problem.title ?? ""}`));
      } else if (problem.status === 412) {
        status.replaceChildren(h("p", { class: "problem", role: "alert" }, t("stale"), " ",
          h("button", { type: "button", class: "reload", onclick: () => options.onStale() }, t("reload"))));
      } else if (problem.status === 422) {
        // The key went with other values before: reloading shows what was recorded and gives the form a new key.
        status.replaceChildren(h("p", { class: "problem", role: "alert" }, t("keyReused"), " ",
          h("button", { type: "button", class: "reload", onclick: () => options.onStale() }, t("reload"))));
      } else {
        status.replaceChildren(h("p", { class: "problem", role: "alert" }, `${problem.status} ${problem.title ?? ""} ${problem.detail ?? ""}`));
      }
    }
  });
  return form;
}

/** A random UUID (version 4) from getRandomValues: crypto.randomUUID exists only in secure contexts (https or
 * loopback), and the console may be served over plain http. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function build(schema: Schema, path: string, parent: HTMLElement, fields: Field[], formId: string): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const fieldPath = path ? `${path}.${name}` : name;
    const type = typeOf(property);
    if (type === "object" && property.properties) {
      const group = h("fieldset", {}, h("legend", {}, name));
      build(property, fieldPath, group, fields, formId);
      parent.append(group);
      continue;
    }
    const inputId = `${formId}-${fieldPath.replaceAll(".", "-")}`;
    const messageId = `${inputId}-error`;
    const required = schema.required?.includes(name) ?? false;
    let input: Field["input"];
    if (property.enum) {
      input = h("select", { id: inputId, name: fieldPath, "aria-describedby": messageId },
        h("option", { value: "" }, "—"), ...property.enum.map((v) => h("option", { value: String(v) }, String(v))));
    } else if (type === "array" && typeOf(property.items ?? {}) === "object") {
      input = h("textarea", { id: inputId, name: fieldPath, rows: 3, placeholder: "[ { … } ]", "aria-describedby": messageId });
    } else {
      const kind = type === "integer" || type === "number" ? "number" : type === "boolean" ? "checkbox" : "text";
      input = h("input", { id: inputId, name: fieldPath, type: kind, step: type === "number" ? "any" : null, "aria-describedby": messageId,
        placeholder: type === "array" ? "a, b, c" : property.format === "date-time" ? "2026-01-01T00:00:00Z" : null });
    }
    const message = h("span", { class: "field-error", id: messageId });
    parent.append(h("p", { class: "field" }, h("label", { for: inputId }, name, required ? " *" : ""), " ", input, " ", message));
    fields.push({ path: fieldPath, schema: property, input, message });
  }
}

/** The body to send: empty fields are left out, numbers and lists as JSON, text as typed (the service judges it). */
function valueOf(fields: Field[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const type = typeOf(field.schema);
    let value: unknown;
    if (field.input instanceof HTMLInputElement && field.input.type === "checkbox") value = field.input.checked;
    else {
      const text = field.input.value.trim();
      if (text === "") continue;
      if (type === "integer" || type === "number") value = Number(text);
      else if (type === "array" && field.input instanceof HTMLTextAreaElement) value = parseJson(text);
      else if (type === "array") value = text.split(",").map((s) => s.trim()).filter(Boolean).map((s) => (typeOf(field.schema.items ?? {}) === "string" ? s : Number(s)));
      else value = text;
    }
    set(body, field.path.split("."), value);
  }
  return body;
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}

function set(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) { target[head] = value; return; }
  target[head] = (target[head] as Record<string, unknown>) ?? {};
  set(target[head] as Record<string, unknown>, rest, value);
}
