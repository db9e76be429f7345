import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, ApiErrorCode } from '../shared/sync/protocol';

/** An error meant for the client: a status, a stable code and a sentence. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Partial<ApiError> = {},
  ) {
    super(message);
  }
}

function body(code: ApiErrorCode, message: string, extra: Partial<ApiError> = {}): ApiError {
  return { error: code, message, ...extra };
}

/** Fastify's own errors (body parsing, limits) mapped onto the API's error shape. */
function fromFastify(error: FastifyError): { status: number; body: ApiError } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('bodyTooLarge', error.message) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: error.statusCode ?? 415, body: body('unsupportedMediaType', error.message) };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: body('invalidJson', error.message) };
    default:
      break;
  }
  // Malformed JSON surfaces as a SyntaxError; absurd nesting as a RangeError from the parser.
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return { status: 400, body: body('invalidJson', `malformed JSON: ${error.message}`) };
  }
  if (error.validation) return { status: 400, body: body('badRequest', error.message) };
  if (error.statusCode === 413) return { status: 413, body: body('bodyTooLarge', error.message) };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: body('badRequest', error.message) };
  }
  return null;
}

export function handleError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof ApiFailure) {
    if (error.code === 'rateLimited' && error.extra.retryAfterSeconds) {
      void reply.header('retry-after', String(error.extra.retryAfterSeconds));
    }
    void reply.status(error.statusCode).send(body(error.code, error.message, error.extra));
    return;
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    void reply.status(400).send(body('invalidJson', 'the JSON body is nested too deeply'));
    return;
  }
  const mapped = fromFastify(error);
  if (mapped) {
    void reply.status(mapped.status).send(mapped.body);
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply
    .status(500)
    .send(body('internal', 'the server failed to handle this request; it was logged'));
}
