// The state-value form: a key and a JSON value. Messages are worded as the
// server's SPEC §2 details ("field: what is wrong").

import { z } from 'zod';

import type { JsonValue } from '../../types/api';

/** Where JSON.parse stopped, as "line L, column C" when the engine says. */
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position?.[1]) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
  }
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  return 'it does not parse';
}

/** The value the text holds, or the reason it is not JSON. */
export function parseJsonValue(text: string): { value: JsonValue } | { error: string } {
  if (!text.trim()) return { error: 'state_value: is required (any JSON value)' };
  try {
    return { value: JSON.parse(text) as JsonValue };
  } catch (e) {
    return {
      error: `state_value: must be valid JSON (${jsonErrorPlace(text, e)}); write a string in quotes, e.g. "ready"`,
    };
  }
}

export const stateValueSchema = z.object({
  session_id: z
    .string()
    .refine((s) => s.trim().length > 0, 'session_id: must not be empty'),
  state_key: z
    .string()
    .refine((k) => k.length > 0, 'state_key: is required and must be a non-empty string'),
  state_value: z.string().superRefine((text, ctx) => {
    const parsed = parseJsonValue(text);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  }),
});

export type StateValueForm = z.infer<typeof stateValueSchema>;

/** A value as the editor shows it: pretty JSON (strings keep their quotes). */
export function formatValue(value: JsonValue): string {
  return JSON.stringify(value, null, 2);
}
