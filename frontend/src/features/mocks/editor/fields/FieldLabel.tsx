import { Code } from '@mantine/core';

/** A field labelled with its SPEC §3 name, as the API and docs spell it. */
export function ApiName({ children }: { children: string }) {
  return <Code fz="sm">{children}</Code>;
}
