// The one place that calls fetch: JSON in, typed value or ApiError out. The session is
// an httpOnly cookie, so requests carry it on their own (credentials: 'same-origin').
import { ApiError, isAbort, isApiErrorBody, networkError, unexpectedResponse } from './api-error';
import { authEvents } from './auth-events';
import { pendingRequests } from './pending-requests';

export const API_BASE = '/api/v1';

export type QueryParams = Record<string, string | number | undefined>;

export function buildUrl(path: string, params: QueryParams = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const search = query.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  readonly params?: QueryParams | undefined;
  /** sent as JSON, unless it is a file (Blob) sent as it is with `contentType`, or a FormData (multipart) */
  readonly body?: unknown;
  /** the media type of a file body (an Excel workbook, a zip of scans) */
  readonly contentType?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

export async function requestJson<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const end = pendingRequests.begin();
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    const file = options.body instanceof Blob ? options.body : null;
    // a multipart form is sent as it is: the browser sets the content-type and its boundary
    const form = options.body instanceof FormData ? options.body : null;
    if (options.body !== undefined && !form) headers['content-type'] = file ? (options.contentType ?? file.type) : 'application/json';
    let response: Response;
    try {
      response = await fetch(buildUrl(path, options.params), {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? null : form ?? file ?? JSON.stringify(options.body),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError();
    }
    if (response.status === 204) return undefined as T;
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw unexpectedResponse(response.status);
    }
    if (!response.ok) {
      if (isApiErrorBody(body)) {
        const error = new ApiError(body.error.code, body.error.message, response.status, body.requestId, body.error.details);
        authEvents.report(path, error);
        throw error;
      }
      throw unexpectedResponse(response.status);
    }
    return body as T;
  } finally {
    end();
  }
}

export function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('GET', path, { params, signal });
}
