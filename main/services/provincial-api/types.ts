import type { KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { ApiErrorCode } from '../../../common/provincial/schemas';
import type { Result } from '../../../common/result';

/**
 * The shapes every part of the provincial API client shares: what a call is, what can go wrong,
 * who signs. Kept apart from the code that composes them, so the endpoint files, the request core
 * and the clients import this file and never each other in a circle.
 *
 * How a failure reads:
 * - 4xx/5xx carrying a valid ApiErrorBody → `api` with the body's code, numbers and message
 *   (retryAfterSeconds falls back to the Retry-After header).
 * - 502/503/504 without such a body (a proxy in front of a dead API) → `api` with code `internal`,
 *   so callers retry them like any API 5xx.
 * - any other status whose body fails its schema (incl. 3xx, non-JSON, a 200 with the wrong shape)
 *   → `bad_response`.
 * - no response: timeout → `timeout`; refused/reset/dropped/DNS → `network`.
 * - `not_enrolled`: the kiosk has no enrolled key to sign with, so nothing was sent.
 */
export type ClientError =
  | {
      kind: 'api';
      status: number;
      code: ApiErrorCode;
      attemptsLeft?: number;
      retryAfterSeconds?: number;
      /** The API's own words, for a clerk or IT (never shown to a citizen as is). */
      message?: string;
    }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'bad_response'; status: number }
  | { kind: 'not_enrolled' };

export interface Call {
  method: 'GET' | 'POST' | 'PUT';
  /** The request target as sent and signed; it may carry an id (e.g. `/v1/uploads/<sha256>`). */
  path: string;
  /** What gets logged instead of `path` when `path` carries data: a template, e.g. `/v1/uploads/{sha256}`. */
  logPath?: string;
  /** A JSON body, serialised once: the bytes signed are the bytes sent. */
  body?: unknown;
  /** A file streamed as the body (`open` gives its bytes, once); its SHA-256 is what the signature covers. */
  upload?: { sha256: string; size: number; open(): Readable };
  idempotencyKey?: string;
  accessToken?: string;
  /** A conditional GET: the ETag of the copy we hold; the API answers 304 if it is still current. */
  ifNoneMatch?: string;
  /** Sent unsigned while the kiosk is not enrolled (the health check, which measures the clock too). */
  public?: boolean;
  /** Signed with this key instead of the enrolled one: enrolment proves it holds the key it enrols. */
  signAs?: SigningKey;
  /** A larger answer than any other call's is allowed (the catalogues: conditional-get.ts). */
  maxResponseBytes?: number;
}

/** A response that arrived, before it is believed; `etag` for conditional GETs. */
export interface RawResponse {
  status: number;
  /** The body as text, undecoded; '' when there is none. */
  body: string;
  retryAfterHeader: string | undefined;
  etag?: string | undefined;
}

export type Schema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;
export type Send = <T>(call: Call, schema: Schema<T>) => Promise<Result<T, ClientError>>;
export type Exchange = (call: Call) => Promise<Result<RawResponse, ClientError>>;
export type Interpret = <T>(call: Call, raw: RawResponse, schema: Schema<T>, startedMs: number) => Result<T, ClientError>;

/** The one pipeline every provincial API request goes through (request-core.ts). */
export interface RequestCore {
  /** Sends and believes: the answer checked against `schema`, every failure a value. */
  send: Send;
  /** Sends only, for callers that decide about a status themselves (304 Not Modified). */
  exchange: Exchange;
  /** Believes (or not) what `exchange` brought back, and logs the outcome. */
  interpret: Interpret;
  /** Logs an answer a caller took as it is (a 304 for a conditional GET). */
  logAnswer(call: Call, status: number, outcome: string): void;
}

export interface SigningKey {
  deviceId: string;
  privateKey: KeyObject;
}

/**
 * Who the kiosk is to the API. `current()` is asked before each request (enrolment can change it
 * while the kiosk runs); `observe` hears what the API said about that identity.
 */
export interface DeviceSigner {
  current(): SigningKey | null;
  observe?(outcome: 'accepted' | 'revoked' | 'refused'): void;
}

/**
 * The API's clock as the kiosk knows it: measured from the Date header of every answer. Requests
 * are signed with `now()` (local time corrected by the measured offset), so a kiosk whose own
 * clock drifted keeps working; the offset itself is reported to IT (health, diagnostics, doctor).
 */
export interface ApiClock {
  now(): number;
  observe(dateHeader: string | undefined, sentAtMs: number, receivedAtMs: number): void;
  /** API time minus local time, in ms; null until an answer carried a Date header. */
  offsetMs(): number | null;
}

export type CatalogFetch<T> = { notModified: true } | { notModified: false; etag: string | undefined; catalog: T };
