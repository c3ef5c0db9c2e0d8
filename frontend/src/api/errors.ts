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

/** A field's messages come as a list; a form shows them as one line. */
function flattenFields(fields: ErrorDetail['fields'] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, messages] of Object.entries(fields ?? {})) {
    out[name] = Array.isArray(messages) ? messages.map(String).join(' ') : String(messages);
  }
  return out;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (axios.isAxiosError(err)) {
    if (!err.response) {
      return new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
    }
    const { status } = err.response;
    const e = errorIn(err.response.data);
    if (e) {
      return new ApiError(status, e.code ?? 'error', e.message ?? 'Something went wrong.', flattenFields(e.fields), e.details ?? {});
    }
    if (status === 429) {
      return new ApiError(status, 'throttled', 'Too many attempts. Please wait a moment and try again.');
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
