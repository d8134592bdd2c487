// One error shape for every failure, mapped to HTTP in this one place:
// { error: { code, message: { vi, en }, details }, requestId }.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from '../kernel/app-error.js';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  FORBIDDEN: 403,
  ACCOUNT_LOCKED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_SETUP_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  GONE: 410,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  MAINTENANCE: 503,
};

/** the property a validation issue is about: a missing one, or one the schema does not allow (an unknown query parameter) */
function propertyOf(params: Record<string, unknown> | undefined): string {
  if (params && 'missingProperty' in params) return `/${String(params.missingProperty)}`;
  if (params && 'additionalProperty' in params) return `/${String(params.additionalProperty)}`;
  return '';
}

/** Fastify's own errors (schema validation, body parsing, size limits) as AppErrors. */
function fromFastifyError(error: FastifyError): AppError {
  if (error.validation) {
    const fields = error.validation.map((issue) => ({
      field: `${error.validationContext ?? 'request'}${issue.instancePath || ''}${propertyOf(issue.params)}`,
      problem: issue.message ?? 'invalid',
    }));
    return new AppError(
      'VALIDATION_FAILED',
      { vi: `Dữ liệu yêu cầu không hợp lệ: ${fields.map((f) => f.field).join(', ')}`, en: `Invalid request: ${fields.map((f) => `${f.field} ${f.problem}`).join('; ')}` },
      { fields },
    );
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('PAYLOAD_TOO_LARGE', { vi: 'Nội dung gửi lên vượt quá giới hạn cho phép', en: 'Request body exceeds the allowed size' });
  }
  if (error.statusCode === 429) {
    return new AppError('RATE_LIMITED', { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau ít phút', en: 'Too many requests, try again in a few minutes' });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', { vi: 'Yêu cầu không hợp lệ', en: `Bad request: ${error.message}` }, { fastifyCode: error.code });
  }
  return new AppError('INTERNAL', { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = error instanceof AppError ? error : fromFastifyError(error as FastifyError);
    const status = statusOf[appError.code];
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, details: appError.details }, 'request rejected');
    void reply.status(status).send({
      error: { code: appError.code, message: appError.messages, details: appError.details ?? {} },
      requestId: request.id,
    });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: { vi: `Không có đường dẫn ${request.method} ${request.url}`, en: `No route ${request.method} ${request.url}` },
        details: {},
      },
      requestId: request.id,
    });
  });
}
