import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Shared machinery of the loopback emulators: request recording, per-test faults and
 * scriptable replies. Plain `node:http`, no dependencies, so the same servers run in
 * mocha unit tests and inside the VS Code extension host for integration tests.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or the raw text when it is not JSON ('' for none). */
  body: unknown;
  time: number;
  /** True when the client closed the connection before the response ended (abort). */
  closedEarly: boolean;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfterSec?: number; retryAfterMs?: number; message?: string; errorType?: string }
  | { kind: 'stallBeforeHeaders' }
  | { kind: 'stallAfterHeaders' }
  | { kind: 'dropMidStream'; afterTokens?: number }
  | { kind: 'malformedFrame'; afterTokens?: number }
  | { kind: 'neverEnding'; intervalMs?: number }
  | { kind: 'slowTokens'; perTokenMs: number }
  /** TGI / Inference Endpoints: 503 for the next `requests` requests, then normal. */
  | { kind: 'scaleFromZero'; requests: number }
  /** TGI: a 200 stream that sends an error event (`{error, error_type}`) after `afterTokens`. */
  | { kind: 'errorEvent'; errorType: string; message: string; afterTokens?: number };

export interface ReplyScript {
  /** The answer text, fixed or computed from the request. */
  text?: string | ((req: RecordedRequest) => string);
  /** Milliseconds before the first token (and before headers when `delayHeaders`). */
  firstTokenMs?: number;
  /** Reported usage; computed from the texts (chars/4) when absent. */
  usage?: { promptTokens: number; completionTokens: number; cachedTokens?: number };
  finishReason?: string;
  /** TGI: append the EOS token text to the last chunk. */
  eosText?: string;
  /** Stream exactly these chunks of text (e.g. a recording's), instead of splitting `text` into words. */
  pieces?: string[];
}

export interface Emulator {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** A fault for the following requests (`times` of them, default all) until cleared with undefined. */
  setFault(fault: Fault | undefined, times?: number): void;
  setReply(reply: ReplyScript): void;
  close(): Promise<void>;
}

export interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  rec: RecordedRequest;
  fault: Fault | undefined;
  reply: ReplyScript;
}

export type Handler = (x: Exchange) => Promise<void> | void;

export async function startEmulator(handle: Handler): Promise<Emulator> {
  const requests: RecordedRequest[] = [];
  let fault: Fault | undefined;
  let faultTimes = Infinity;
  let reply: ReplyScript = {};

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : '';
      } catch {
        /* keep raw text */
      }
      const rec: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, time: Date.now(), closedEarly: false };
      requests.push(rec);
      res.on('close', () => {
        if (!res.writableEnded) rec.closedEarly = true;
      });
      let f = fault;
      if (f && f.kind === 'scaleFromZero') {
        if (f.requests > 0) {
          f = { kind: 'status', status: 503, message: 'Service Unavailable' };
          fault = { kind: 'scaleFromZero', requests: (fault as { requests: number }).requests - 1 };
        } else f = undefined;
      } else if (f) {
        faultTimes -= 1;
        if (faultTimes <= 0) fault = undefined;
      }
      Promise.resolve(handle({ req, res, rec, fault: f, reply })).catch(() => res.destroy());
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setFault(next, times) {
      fault = next;
      faultTimes = times ?? Infinity;
    },
    setReply(next) {
      reply = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Splits text into word-ish tokens, keeping whitespace, so streams have several chunks. */
export function tokensOf(text: string): string[] {
  const out = text.match(/\s*\S+|\s+/g);
  return out ?? [];
}

export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function replyText(x: Exchange, fallback: string): string {
  const t = x.reply.text;
  if (typeof t === 'function') return t(x.rec);
  return t ?? fallback;
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

/** Headers of a rate-limit fault. */
export function faultHeaders(f: Fault): Record<string, string> {
  const h: Record<string, string> = {};
  if (f.kind === 'status') {
    if (f.retryAfterSec !== undefined) h['retry-after'] = String(f.retryAfterSec);
    if (f.retryAfterMs !== undefined) h['retry-after-ms'] = String(f.retryAfterMs);
  }
  return h;
}

/** True when the client went away (so a streaming loop stops writing). */
export function gone(res: http.ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}

export interface StreamPlan {
  tokens: string[];
  /** Delay before each token. */
  perTokenMs: number;
  firstTokenMs: number;
}

export function streamPlan(x: Exchange, text: string): StreamPlan {
  const f = x.fault;
  return {
    tokens: x.reply.pieces ?? tokensOf(text),
    perTokenMs: f && f.kind === 'slowTokens' ? f.perTokenMs : 0,
    firstTokenMs: x.reply.firstTokenMs ?? 0,
  };
}

/**
 * Runs the stream faults common to both emulators around a frame writer. Returns false
 * when the fault already handled (or abandoned) the response.
 */
export async function writeStream(
  x: Exchange,
  plan: StreamPlan,
  frames: { head(): void; token(t: string, i: number, last: boolean): void; tail(): void; malformed(): void; errorEvent?(f: Extract<Fault, { kind: 'errorEvent' }>): void },
): Promise<void> {
  const { res, fault } = x;
  if (fault?.kind === 'stallBeforeHeaders') return; // hold the socket open, send nothing
  if (plan.firstTokenMs) await sleep(plan.firstTokenMs);
  if (gone(res)) return;
  frames.head();
  if (fault?.kind === 'stallAfterHeaders') return;
  if (fault?.kind === 'neverEnding') {
    let i = 0;
    while (!gone(res)) {
      frames.token('x', i++, false);
      await sleep(fault.intervalMs ?? 5);
    }
    return;
  }
  for (let i = 0; i < plan.tokens.length; i++) {
    if (gone(res)) return;
    if (fault?.kind === 'dropMidStream' && i === (fault.afterTokens ?? 1)) {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'malformedFrame' && i === (fault.afterTokens ?? 1)) {
      frames.malformed();
      res.end();
      return;
    }
    if (fault?.kind === 'errorEvent' && i === (fault.afterTokens ?? 1) && frames.errorEvent) {
      frames.errorEvent(fault);
      res.end();
      return;
    }
    if (plan.perTokenMs) await sleep(plan.perTokenMs);
    if (gone(res)) return;
    frames.token(plan.tokens[i], i, i === plan.tokens.length - 1);
  }
  if (gone(res)) return;
  frames.tail();
  res.end();
}
