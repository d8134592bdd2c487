// A failed request as the portal shows it: a stable code and a bilingual message, taken
// from the API's error body when there is one, otherwise made up here (network down,
// a proxy's HTML error page).
import type { ApiErrorBody, Bilingual } from './types';

export class ApiError extends Error {
  readonly code: string;
  readonly messages: Bilingual;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    messages: Bilingual,
    status: number,
    requestId?: string,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(messages.en);
    this.name = 'ApiError';
    this.code = code;
    this.messages = messages;
    this.status = status;
    this.requestId = requestId;
    this.details = details ?? {};
  }
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const message = (error as { message?: unknown }).message;
  return (
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof message === 'object' &&
    message !== null &&
    typeof (message as Bilingual).vi === 'string' &&
    typeof (message as Bilingual).en === 'string'
  );
}

export function networkError(): ApiError {
  return new ApiError('NETWORK', { vi: 'Không kết nối được với máy chủ.', en: 'Cannot reach the server.' }, 0);
}

export function unexpectedResponse(status: number): ApiError {
  return new ApiError(
    'UNEXPECTED_RESPONSE',
    { vi: `Máy chủ trả lời không đúng định dạng (HTTP ${status}).`, en: `The server sent an unexpected response (HTTP ${status}).` },
    status,
  );
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
