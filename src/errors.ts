/**
 * Coded errors (fastify style). Adapters turn SDK failures into these in one place, so the
 * rest of the code never looks at an SDK's status codes.
 */
export const errorCodes = {
  VD_STATE_CONFLICT: { status: 412, message: 'The conversation changed while this turn ran' },
  VD_STORE_UNAVAILABLE: { status: 503, message: 'The data store is not reachable' },
  /** The store answers, but its database or a container is gone (recreated where allowed). */
  VD_STORE_MISSING: {
    status: 503,
    message: 'A database or container of the data store is missing',
  },
  VD_BAD_REQUEST: { status: 400, message: 'The request is not valid' },
  VD_SLOT_TAKEN: { status: 409, message: 'Another resident booked this slot first' },
  VD_CALENDAR_UNAVAILABLE: { status: 503, message: "The coach's calendar is not reachable" },
  VD_CALENDAR_REFUSED: { status: 502, message: "The coach's calendar refused the request" },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class VoordeurError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${errorCodes[code].message}: ${detail}` : errorCodes[code].message, options);
    this.name = 'VoordeurError';
    this.status = errorCodes[code].status;
  }
}

export function isVoordeurError(error: unknown, code?: ErrorCode): error is VoordeurError {
  return error instanceof VoordeurError && (code === undefined || error.code === code);
}

/**
 * The store cannot serve this turn: unreachable, or its database or a container is missing.
 * Residents get the same message for both: try again in a few minutes, or call. Looks inside
 * wrappers too: botbuilder-dialogs rethrows an error from inside a dialog as a
 * `DialogContextError` holding it in `error`; other wrappers keep it in `cause`.
 */
export function isStoreDown(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (
      isVoordeurError(current, 'VD_STORE_UNAVAILABLE') ||
      isVoordeurError(current, 'VD_STORE_MISSING')
    )
      return true;
    const inner = current as { error?: unknown; cause?: unknown };
    current = inner.error instanceof Error ? inner.error : inner.cause;
  }
  return false;
}
