import type * as z from 'zod';
import type { BodyError } from '../../http/bodyReader.js';
import type { JsonRequest, JsonResult, JsonRouteErrors } from '../../http/jsonRoute.js';

/** A refusal in Direct Line's shape, `{ error: { code, message } }`, with its status. */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Sent as `Retry-After` (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DirectLineError';
  }
}

const bodyCodes: Record<BodyError['problem'], string> = {
  encoding: 'UnsupportedMediaType',
  tooLarge: 'MessageSizeTooBig',
  notJson: 'BadSyntax',
  tooDeep: 'BadArgument',
  timeout: 'RequestTimeout',
};

/** How the Direct Line routes answer a refused body and a handler that failed. */
export const directLineErrors: JsonRouteErrors = {
  bodyError: (error) =>
    failure(new DirectLineError(error.status, bodyCodes[error.problem], error.message)),
  internalError: {
    status: 500,
    body: { error: { code: 'ServiceError', message: 'internal error' } },
  },
};

/** A handler whose {@link DirectLineError}s become results; other errors pass on. */
export function refusing(
  handler: (request: JsonRequest) => JsonResult | Promise<JsonResult>,
): (request: JsonRequest) => Promise<JsonResult> {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (error instanceof DirectLineError) return failure(error);
      throw error;
    }
  };
}

/** The result for a refusal, with `Retry-After` when it says when to try again. */
export function failure(error: DirectLineError): JsonResult {
  return {
    status: error.status,
    body: { error: { code: error.code, message: error.message } },
    ...(error.retryAfterSeconds === undefined
      ? {}
      : { headers: { 'retry-after': String(error.retryAfterSeconds) } }),
  };
}

/** The value `schema` makes of `value`, or a 400 naming the first few problems. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const reason = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw new DirectLineError(400, 'BadArgument', reason);
  }
  return result.data;
}
