import { accessToken, renew } from "./auth";

// Every call goes through the gateway with the bearer token, exactly as any API client does.
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.title ?? `HTTP ${problem.status}`);
  }
}

export interface Answer<T> { body: T; etag: string | null }

export async function call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
  let response = await send(path, init);
  if (response.status === 401) {
    await renew();
    response = await send(path, init);
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try { problem = { ...(await response.json()), status: response.status }; } catch { /* not a problem document */ }
    throw new ApiError(problem);
  }
  const type = response.headers.get("content-type") ?? "";
  const body = (type.includes("json") && !type.includes("ndjson") ? await response.json() : await response.text()) as T;
  return { body, etag: response.headers.get("etag") };
}

export const get = async <T>(path: string): Promise<T> => (await call<T>(path)).body;

function send(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = accessToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return fetch(path, { ...init, headers });
}

/** The version an ETag names: "3" -> 3. */
export const versionOf = (etag: string | null): number | null => (etag ? Number(etag.replace(/^W\//, "").replaceAll('"', "")) : null);
