import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { err, ok, type Result } from '../../../common/result';
import type { ClientError } from './types';

/**
 * The provincial API's wire, on node:http / node:https alone: one keep-alive pool per API (a drain
 * of a thousand dossiers does not open two thousand connections), TLS verified against the
 * system's CAs (never switched off), one deadline per request that covers connecting, sending and
 * reading the whole answer, and a cap on the answer's size. It moves bytes and nothing else:
 * signing and believing the answer are the request core's (request-core.ts).
 *
 * How a failure reads (types.ts, `ClientError`):
 * - the deadline passed → `timeout`;
 * - no answer began (refused, reset, DNS, TLS refused, the upload's own stream failed) → `network`;
 * - an answer began but broke (cut mid-body, over the size cap, undecodable) → `bad_response`
 *   with its status: something answered, wrongly.
 */
export interface Transport {
  send(request: TransportRequest): Promise<Result<TransportAnswer, TransportFailure>>;
}

export interface TransportRequest {
  method: string;
  /** The request target after the API's base path, e.g. `/v1/dossiers`. */
  path: string;
  headers: OutgoingHttpHeaders;
  /** A body sent as is, or a stream (an upload from disk; `Content-Length` set by the caller). */
  body?: string | (() => Readable);
  timeoutMs: number;
  /** This request's cap on its answer, instead of the transport's. */
  maxResponseBytes?: number;
}

export interface TransportAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TransportFailure {
  error: Extract<ClientError, { kind: 'network' | 'timeout' | 'bad_response' }>;
  /** Node's code for the log (ECONNREFUSED, ETIMEDOUT, CERT_HAS_EXPIRED, …), never a message. */
  code: string;
}

/** Answers arrive compressed only if asked; these are the encodings we ask for and can undo. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

function decoderFor(encoding: string | undefined): (() => Transform) | null | 'unsupported' {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip;
    case 'deflate':
      return createInflate;
    case 'br':
      return createBrotliDecompress;
    default:
      return 'unsupported';
  }
}

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
};

export function buildTransport(opts: {
  baseUrl: string;
  /** The largest answer believed, after decompression: a misbehaving server cannot fill memory. */
  maxResponseBytes: number;
  /** Extra CAs to trust besides the system's (an API behind a private CA; the tests' own server). */
  ca?: string | Buffer;
  maxSockets?: number;
}): Transport {
  const base = new URL(opts.baseUrl);
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new Error(`unsupported API URL scheme ${base.protocol}`);
  const maxSockets = opts.maxSockets ?? 8;
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets, ...(opts.ca !== undefined && { ca: opts.ca }) })
    : new HttpAgent({ keepAlive: true, maxSockets });
  const request = secure ? httpsRequest : httpRequest;
  // As a base URL joins a path: `https://api/x/` + `/v1/health` → `/x/v1/health`.
  const basePath = base.pathname.replace(/\/+$/, '');
  const hostname = base.hostname.replace(/^\[|\]$/g, '');

  const send: Transport['send'] = (r) =>
    new Promise((resolve) => {
      let done = false;
      const finish = (result: Result<TransportAnswer, TransportFailure>) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        resolve(result);
      };
      const fail = (error: TransportFailure['error'], code: string) => finish(err({ error, code }));
      const maxBytes = r.maxResponseBytes ?? opts.maxResponseBytes;

      const req = request(
        {
          agent,
          hostname,
          port: base.port || undefined,
          method: r.method,
          path: basePath + r.path,
          headers: { 'Accept-Encoding': ACCEPT_ENCODING, ...r.headers },
        },
        (res: IncomingMessage) => receive(res),
      );
      // Connecting, sending and reading the whole answer share one deadline.
      const deadline = setTimeout(() => {
        fail({ kind: 'timeout' }, 'ETIMEDOUT');
        req.destroy();
      }, r.timeoutMs);
      req.on('error', (e) => fail({ kind: 'network' }, codeOf(e)));

      function receive(res: IncomingMessage): void {
        const status = res.statusCode ?? 0;
        const broken = (code: string) => {
          fail({ kind: 'bad_response', status }, code);
          req.destroy();
        };
        const decoder = decoderFor(res.headers['content-encoding']);
        if (decoder === 'unsupported') return broken('ERR_CONTENT_ENCODING');
        const chunks: Buffer[] = [];
        let size = 0;
        const source: Readable = decoder ? pipeline(res, decoder(), () => undefined) : res;
        source.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return broken('ERR_RESPONSE_TOO_LARGE');
          chunks.push(chunk);
        });
        // A leading byte-order mark is not JSON; an API that sends one still means its JSON.
        source.on('end', () => finish(ok({ status, headers: res.headers, body: Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '') })));
        source.on('error', (e) => broken(codeOf(e)));
        // The connection closed before the answer was complete.
        res.on('close', () => {
          if (!res.complete) broken('ECONNRESET');
        });
      }

      if (typeof r.body === 'function') {
        // Streamed from disk: a failing file stops the request (and a stopped request the file).
        pipeline(r.body(), req, (e) => {
          if (e) fail({ kind: 'network' }, codeOf(e));
        });
      } else req.end(r.body);
    });

  return { send };
}
