// The new-key form; messages are worded as the server's (SPEC §2).

import { z } from 'zod';

export const createKeySchema = z.object({
  name: z
    .string()
    .refine((n) => {
      const length = [...n.trim()].length;
      return length >= 1 && length <= 100;
    }, 'name: must be 1 to 100 characters'),
});

export type CreateKeyForm = z.infer<typeof createKeySchema>;

/** "3 d 4 h", "5 min 2 s": an uptime a person reads at a glance. */
export function formatUptime(totalSeconds: number): string {
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(totalSeconds));
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (unit === 's' && parts.length === 0)) parts.push(`${n} ${unit}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
