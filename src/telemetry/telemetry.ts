import {
  context,
  isSpanContextValid,
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Meter,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { MetricsRegistry } from './metricsRegistry.js';

/**
 * Traces and metrics of the work that matters for "is the front door healthy": turns, Cosmos DB
 * requests, calendar calls and WhatsApp sends. Spans go to whatever OpenTelemetry provider is
 * registered (Application Insights when configured, none otherwise: then they cost nothing);
 * counters also go to the in-process {@link MetricsRegistry} behind `GET /metrics`.
 *
 * Attributes are built here only, from fixed vocabularies (a channel name, an operation, a status
 * code, an error class): never ids, names, numbers, addresses or text a resident typed.
 * test/telemetry checks that with an in-memory exporter.
 */
export class Telemetry {
  readonly registry = new MetricsRegistry();
  private readonly tracer: Tracer;
  private readonly turns;
  private readonly turnSeconds;
  private readonly cosmosRequests;
  private readonly cosmosUnits;
  private readonly calendarCalls;
  private readonly whatsAppSends;
  private readonly otel: {
    turns: ReturnType<Meter['createCounter']>;
    turnDuration: ReturnType<Meter['createHistogram']>;
    cosmosRequests: ReturnType<Meter['createCounter']>;
    cosmosUnits: ReturnType<Meter['createCounter']>;
    calendarCalls: ReturnType<Meter['createCounter']>;
    whatsAppSends: ReturnType<Meter['createCounter']>;
  };

  constructor(
    tracer: Tracer = trace.getTracer('voordeur'),
    meter: Meter = metrics.getMeter('voordeur'),
  ) {
    this.tracer = tracer;
    const r = this.registry;
    this.turns = r.counter('voordeur_turns_total', 'Turns handled, by channel and outcome.');
    this.turnSeconds = r.counter('voordeur_turn_seconds_total', 'Seconds spent in turns.');
    this.cosmosRequests = r.counter(
      'voordeur_cosmos_requests_total',
      'Cosmos DB requests, by operation and status class.',
    );
    this.cosmosUnits = r.counter(
      'voordeur_cosmos_request_units_total',
      'Cosmos DB request units charged.',
    );
    this.calendarCalls = r.counter(
      'voordeur_calendar_calls_total',
      "Calls to coaches' calendars, by operation and outcome.",
    );
    this.whatsAppSends = r.counter(
      'voordeur_whatsapp_sends_total',
      'Requests to the WhatsApp Cloud API, by endpoint and outcome.',
    );
    this.otel = {
      turns: meter.createCounter('voordeur.turns', { description: 'Turns handled.' }),
      turnDuration: meter.createHistogram('voordeur.turn.duration', {
        description: 'Time from a message to the end of its turn.',
        unit: 'ms',
      }),
      cosmosRequests: meter.createCounter('voordeur.cosmos.requests'),
      cosmosUnits: meter.createCounter('voordeur.cosmos.request_units', { unit: '{RU}' }),
      calendarCalls: meter.createCounter('voordeur.calendar.calls'),
      whatsAppSends: meter.createCounter('voordeur.whatsapp.sends'),
    };
  }

  /** One turn: a server span (App Insights' requests), its duration and outcome. */
  turn<T>(what: { channel: string; activityType: string }, run: () => Promise<T>): Promise<T> {
    const attributes = {
      'voordeur.channel': vocabulary(what.channel),
      'voordeur.activity_type': vocabulary(what.activityType),
    };
    return this.measure('voordeur.turn', SpanKind.SERVER, attributes, run, (outcome, ms) => {
      const labels = { channel: attributes['voordeur.channel'], outcome };
      this.turns(labels);
      this.turnSeconds({}, ms / 1000);
      this.otel.turns.add(1, labels);
      this.otel.turnDuration.record(ms, labels);
    });
  }

  /** One HTTP request to Cosmos DB, as its response came back. */
  cosmosRequest<T extends { status: number; requestCharge: number }>(
    what: { operation: string; resource: string },
    run: () => Promise<T>,
  ): Promise<T> {
    const attributes = {
      'db.system': 'cosmosdb',
      'db.operation.name': vocabulary(what.operation),
      'voordeur.cosmos.resource': vocabulary(what.resource),
    };
    return this.measure(
      `cosmos ${attributes['db.operation.name']}`,
      SpanKind.CLIENT,
      attributes,
      run,
      (outcome, _ms, result, span) => {
        const status = result ? `${Math.floor(result.status / 100)}xx` : 'none';
        const units = result?.requestCharge ?? 0;
        const labels = { operation: attributes['db.operation.name'], status };
        if (span.isRecording()) {
          span.setAttributes({
            ...(result ? { 'http.response.status_code': result.status } : {}),
            'db.cosmosdb.request_charge': units,
          });
        }
        this.cosmosRequests(labels);
        this.cosmosUnits({}, units);
        this.otel.cosmosRequests.add(1, { ...labels, outcome });
        this.otel.cosmosUnits.add(units);
      },
      (result) => result.status < 400 || result.status === 404 || result.status === 412,
    );
  }

  /** One call to a coach's calendar (busy times, writing or removing a meeting). */
  calendarCall<T>(
    operation: 'busy' | 'put' | 'remove' | 'eventTimes',
    run: () => Promise<T>,
  ): Promise<T> {
    const attributes = { 'voordeur.calendar.operation': operation };
    return this.measure(`calendar ${operation}`, SpanKind.CLIENT, attributes, run, (outcome) => {
      this.calendarCalls({ operation, outcome });
      this.otel.calendarCalls.add(1, { operation, outcome });
    });
  }

  /** One HTTP request to the WhatsApp Cloud API. */
  whatsAppSend(endpoint: string, run: () => Promise<Response>): Promise<Response> {
    const attributes = { 'voordeur.whatsapp.endpoint': vocabulary(endpoint) };
    return this.measure(
      `whatsapp ${attributes['voordeur.whatsapp.endpoint']}`,
      SpanKind.CLIENT,
      attributes,
      run,
      (outcome, _ms, response, span) => {
        if (response) span.setAttribute('http.response.status_code', response.status);
        const labels = { endpoint: attributes['voordeur.whatsapp.endpoint'], outcome };
        this.whatsAppSends(labels);
        this.otel.whatsAppSends.add(1, labels);
      },
      (response) => response.ok,
    );
  }

  private async measure<T>(
    name: string,
    kind: SpanKind,
    attributes: Attributes,
    run: () => Promise<T>,
    record: (outcome: 'ok' | 'error', ms: number, result: T | undefined, span: Span) => void,
    succeeded: (result: T) => boolean = () => true,
  ): Promise<T> {
    const span = this.tracer.startSpan(name, { kind, attributes });
    const measured = async (): Promise<T> => {
      const started = performance.now();
      try {
        const result = await run();
        const ok = succeeded(result);
        if (!ok) span.setStatus({ code: SpanStatusCode.ERROR });
        record(ok ? 'ok' : 'error', performance.now() - started, result, span);
        return result;
      } catch (error) {
        // The class only: an error's message can carry what it was about.
        span.setAttribute('error.type', errorType(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        record('error', performance.now() - started, undefined, span);
        throw error;
      } finally {
        span.end();
      }
    };
    // Without a tracer provider (no Application Insights) the span is a no-op with no trace:
    // making it the active span would only copy contexts on every turn and Cosmos request.
    if (!isSpanContextValid(span.spanContext())) return measured();
    return context.with(trace.setSpan(context.active(), span), measured);
  }
}

/** A short word from a fixed vocabulary, or `other`: never free text into an attribute. */
function vocabulary(value: string | undefined): string {
  return value && /^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(value) ? value : 'other';
}

function errorType(error: unknown): string {
  return error instanceof Error ? vocabulary(error.name) : 'other';
}
