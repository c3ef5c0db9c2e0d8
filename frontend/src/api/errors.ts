import axios from 'axios';
import type { ErrorBody } from './types';

export type FieldErrors = Record<string, string>;

type ErrorDetail = ErrorBody['error'];

/** Every failed API call is turned into one of these, whatever went wrong. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}, details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  /** The messages that belong to no single form field. */
  get general(): string {
    return this.fields.non_field_errors ?? this.message;
  }
}

/** The API's error, when the body holds one (a proxy's 502 page does not); read leniently. */
function errorIn(body: unknown): Partial<ErrorDetail> | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const { error } = body;
  return typeof error === 'object' && error !== null ? (error as Partial<ErrorDetail>) : null;
}

/** One response header as text; axios gives lower-cased names (or an AxiosHeaders object). */
function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return value == null ? undefined : String(value);
}

/** A field's messages come as a list; a form shows them as one line. */
function flattenFields(fields: ErrorDetail['fields'] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, messages] of Object.entries(fields ?? {})) {
    out[name] = Array.isArray(messages) ? messages.map(String).join(' ') : String(messages);
  }
  return out;
}

/** A wait in words: "30 seconds", "about 15 minutes", "about 2 hours". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? 'a minute' : `about ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}

/**
 * A 429 as a sentence with the wait in it. The server's message cannot say how long (it is
 * "try again later"); its `Retry-After` header does, in seconds. A locked account also names
 * the way out that needs no waiting.
 */
function tooManyMessage(code: string, retryAfter: string | undefined, fallback: string): string {
  const seconds = Number(retryAfter);
  if (!retryAfter || !Number.isFinite(seconds) || seconds <= 0) return fallback;
  const wait = waitInWords(Math.ceil(seconds));
  if (code === 'account_locked') {
    return `Too many failed sign-ins for this account, so it is locked here for now. Try again in ${wait}, or reset your password.`;
  }
  return `Too many attempts. Please try again in ${wait}.`;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (axios.isAxiosError(err)) {
    if (!err.response) {
      return new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
    }
    const { status } = err.response;
    const e = errorIn(err.response.data);
    if (status === 429) {
      const code = e?.code ?? 'throttled';
      const message = tooManyMessage(code, headerOf(err.response.headers, 'retry-after'), e?.message ?? 'Too many attempts. Please wait a moment and try again.');
      return new ApiError(status, code, message, flattenFields(e?.fields), e?.details ?? {});
    }
    if (e) {
      return new ApiError(status, e.code ?? 'error', e.message ?? 'Something went wrong.', flattenFields(e.fields), e.details ?? {});
    }
    if (status >= 500) {
      return new ApiError(status, 'server_error', 'The server had a problem. Please try again in a moment.');
    }
    return new ApiError(status, 'error', `The request failed (${status}).`);
  }
  return new ApiError(0, 'unknown', err instanceof Error ? err.message : 'Something went wrong.');
}

/** Errors for the given form fields, plus one message for everything the form has no field for. */
export function splitErrors(err: ApiError, formFields: readonly string[]): { fields: FieldErrors; general: string | null } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const [name, message] of Object.entries(err.fields)) {
    if (formFields.includes(name)) fields[name] = message;
    else if (name === 'non_field_errors') rest.unshift(message);
    else rest.push(message);
  }
  if (Object.keys(fields).length === 0 && rest.length === 0) return { fields, general: err.message };
  return { fields, general: rest.length ? rest.join(' ') : null };
}
