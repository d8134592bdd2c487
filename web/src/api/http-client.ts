// The one place that calls fetch: JSON in, typed value or ApiError out.
import { ApiError, isAbort, isApiErrorBody, networkError, unexpectedResponse } from './api-error';
import { pendingRequests } from './pending-requests';

export const API_BASE = '/api/v1';

export type QueryParams = Record<string, string | number | undefined>;

export function buildUrl(path: string, params: QueryParams = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) query.set(name, String(value));
  }
  const search = query.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export async function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  const end = pendingRequests.begin();
  try {
    let response: Response;
    try {
      response = await fetch(buildUrl(path, params), { headers: { accept: 'application/json' }, signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError();
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw unexpectedResponse(response.status);
    }
    if (!response.ok) {
      if (isApiErrorBody(body)) {
        throw new ApiError(body.error.code, body.error.message, response.status, body.requestId);
      }
      throw unexpectedResponse(response.status);
    }
    return body as T;
  } finally {
    end();
  }
}
