// One error type for every failure a person or a client can see. The code is stable
// (clients switch on it); the message is bilingual because officers read it in
// Vietnamese and integrators in English. HTTP statuses are mapped in one place
// (src/http/error-handler.ts), not here.

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  | 'FORBIDDEN'
  | 'ACCOUNT_LOCKED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'TOTP_SETUP_REQUIRED'
  | 'RATE_LIMITED'
  | 'GONE'
  | 'SERVICE_UNAVAILABLE'
  | 'MAINTENANCE'
  | 'INTERNAL';

export interface BilingualMessage {
  readonly vi: string;
  readonly en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: BilingualMessage;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, messages: BilingualMessage, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(messages.en, options);
    this.name = 'AppError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

export const errors = {
  notFound: (what: BilingualMessage, details?: Record<string, unknown>) =>
    new AppError('NOT_FOUND', { vi: `Không tìm thấy ${what.vi}`, en: `${what.en} not found` }, details),
  invalid: (messages: BilingualMessage, details?: Record<string, unknown>) =>
    new AppError('VALIDATION_FAILED', messages, details),
};
