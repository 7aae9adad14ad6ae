import { get } from "./api";
import type { Person } from "./auth";

// What the console knows of the services: their routes, who writes them, and from each OpenAPI document its collections,
// filters and commands. A new command or collection in a service needs no change here.
export interface Service { route: string; name: string; writers: string[]; keepsStreams: boolean }

// From the services manifest (deploy/services.json), which the gateway hands over in /console-config.json. The writers
// only hide buttons; the service still decides.
export const services: Service[] = [];

export function useServices(list: Service[]): void {
  services.splice(0, services.length, ...list);
}

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  $ref?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  description?: string;
  pattern?: string;
}

export interface Operation { name: string; path: string; schema: Schema | null }
export interface Collection {
  service: Service;
  name: string;
  path: string;
  filters: string[];
  isStream: boolean;
  create: Operation | null;
  commands: Operation[];
}

interface Document {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

const documents = new Map<string, Promise<Document | null>>();

function documentOf(route: string): Promise<Document | null> {
  if (!documents.has(route)) documents.set(route, get<Document>(`/openapi/${route}.json`).catch(() => null));
  return documents.get(route)!;
}

export async function collectionsOf(service: Service): Promise<Collection[]> {
  const doc = await documentOf(service.route);
  if (!doc) return [];
  const prefix = `/api/${service.route}/`;
  const list = new RegExp(`^/api/${service.route}/([a-z0-9-]+)$`);
  const state = new RegExp(`^/api/${service.route}/([a-z0-9-]+)/\\{id\\}$`);
  const command = new RegExp(`^/api/${service.route}/([a-z0-9-]+)/\\{id\\}/([a-z0-9-]+)$`);
  const result = new Map<string, Collection>();
  const collection = (name: string): Collection => {
    if (!result.has(name))
      result.set(name, { service, name, path: `${prefix}${name}`, filters: [], isStream: false, create: null, commands: [] });
    return result.get(name)!;
  };
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    let match = list.exec(path);
    if (match && match[1] !== "audit" && match[1] !== "admin") {
      const c = collection(match[1]);
      if (operations.get) c.filters = (operations.get.parameters ?? []).filter((p) => p.in === "query" && p.name !== "page" && p.name !== "pageSize").map((p) => p.name);
      if (operations.post) c.create = { name: "create", path, schema: bodySchema(doc, operations.post) };
      continue;
    }
    match = state.exec(path);
    if (match && operations.get) collection(match[1]).isStream = true;
    match = command.exec(path);
    if (match && operations.post) collection(match[1]).commands.push({ name: match[2], path, schema: bodySchema(doc, operations.post) });
  }
  return [...result.values()];
}

function bodySchema(doc: Document, operation: { requestBody?: { content?: Record<string, { schema?: Schema }> } }): Schema | null {
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  return schema ? resolve(doc, schema) : null;
}

/** The schema with every $ref replaced by its definition (depth-limited: the commands' bodies are shallow). */
function resolve(doc: Document, schema: Schema, depth = 0): Schema {
  if (depth > 6) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return resolve(doc, doc.components?.schemas?.[name] ?? {}, depth + 1);
  }
  const variants = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (variants) {
    const real = variants.find((v) => !(v.type === "null"));
    return real ? { ...resolve(doc, real, depth + 1), description: schema.description } : {};
  }
  const copy: Schema = { ...schema };
  if (schema.properties) copy.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
  if (schema.items) copy.items = resolve(doc, schema.items, depth + 1);
  return copy;
}

export async function allCollections(): Promise<Collection[]> {
  return (await Promise.all(services.map(collectionsOf))).flat();
}

export const serviceOf = (route: string): Service | undefined => services.find((s) => s.route === route);

export function mayWrite(person: Person | null, service: Service): boolean {
  if (!person) return false;
  if (person.role === "admin") return true;
  return person.role === "editor" && person.department !== null && service.writers.includes(person.department);
}

export const mayAudit = (person: Person | null): boolean => person?.role === "auditor" || person?.role === "admin";
