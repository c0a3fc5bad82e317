// "Create mock from this request" (SPEC §12): a logged request as a new
// mock's form — the method, the exact path, its query, a body condition
// when the body is JSON, and a placeholder response to fill in.

import type { JsonValue, RequestLog } from '../../../types/api';
import { emptyBodyCondition, emptyForm } from './convert';
import type { MockFormValues } from './schema';
import type { SampleRequest } from './sample';

function parsedJson(text: string): JsonValue | undefined {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

const firstValue = (v: string | string[]) => (Array.isArray(v) ? (v[0] ?? '') : v);

export function requestToForm(log: RequestLog): MockFormValues {
  const form = emptyForm();
  const body = parsedJson(log.request_body);
  const method = log.request_method.toUpperCase();
  form.mock_name = `${method} ${log.request_path}`;
  form.match_method = method;
  form.match_path = log.request_path;
  form.match_query = Object.entries(log.request_query ?? {}).map(([name, value]) => ({
    name,
    kind: 'equals' as const,
    value: firstValue(value),
  }));
  if (body !== undefined && body !== null && typeof body === 'object') {
    form.match_body = [
      { ...emptyBodyCondition(), kind: 'json_contains', value: JSON.stringify(body, null, 2) },
    ];
  }
  form.response_status = 200;
  form.response_body = JSON.stringify(
    { message: `TODO: the response to ${method} ${log.request_path}` },
    null,
    2,
  );
  form.body_type = 'json';
  return form;
}

/** A logged request as the template preview's sample request. */
export function requestToSample(log: RequestLog): SampleRequest {
  const headers = Object.entries(log.request_headers ?? {})
    .map(([name, value]) => `${name}: ${firstValue(value)}`)
    .join('\n');
  const query = new URLSearchParams(
    Object.entries(log.request_query ?? {}).map(([name, value]) => [name, firstValue(value)]),
  ).toString();
  return {
    method: log.request_method.toUpperCase(),
    path: log.request_path,
    headers,
    query,
    body: log.request_body,
  };
}
