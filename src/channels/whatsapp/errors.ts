/**
 * Coded errors of the WhatsApp channel, in the shape of `src/errors.ts` (fastify style). Kept
 * here while the channel is new; they can move into the shared list as they are.
 */
export const whatsAppErrorCodes = {
  VD_WHATSAPP_WINDOW_CLOSED: {
    status: 409,
    message:
      'More than 24 hours passed since the resident last wrote: only an approved template may be sent (use sendTemplate)',
  },
  VD_WHATSAPP_OPTED_OUT: {
    status: 409,
    message: 'The resident asked for no more messages ("stop") and has not written "start" since',
  },
  VD_WHATSAPP_NO_CONTACT: {
    status: 404,
    message: 'No WhatsApp number is known for this resident (never wrote, or retention expired)',
  },
  VD_WHATSAPP_SEND_FAILED: { status: 502, message: 'WhatsApp did not accept the message' },
  VD_WHATSAPP_UNSUPPORTED: {
    status: 501,
    message: 'WhatsApp messages cannot be updated or deleted once sent',
  },
} as const;

export type WhatsAppErrorCode = keyof typeof whatsAppErrorCodes;

export class WhatsAppError extends Error {
  readonly status: number;
  constructor(
    readonly code: WhatsAppErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    const { message, status } = whatsAppErrorCodes[code];
    super(detail ? `${message}: ${detail}` : message, options);
    this.name = 'WhatsAppError';
    this.status = status;
  }
}

export function isWhatsAppError(error: unknown, code?: WhatsAppErrorCode): error is WhatsAppError {
  return error instanceof WhatsAppError && (code === undefined || error.code === code);
}
