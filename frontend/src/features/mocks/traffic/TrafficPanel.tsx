import { Group, Paper, Stack, Text, Title } from '@mantine/core';

import type { TrafficBucket, TrafficReport } from '../../../types/api';
import { TRAFFIC_WINDOW_SECONDS } from './useTraffic';

const MATCHED = 'var(--mantine-color-teal-7)';
const UNMATCHED = 'var(--mantine-color-orange-7)';

const ms = (v: number | null) => (v === null ? '–' : v < 10 ? `${v.toFixed(2)} ms` : `${Math.round(v)} ms`);

function Swatch({ color }: { color: string }) {
  return (
    <svg width={10} height={10} aria-hidden="true" style={{ marginRight: 4 }}>
      <rect width={10} height={10} fill={color} />
    </svg>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg" ff="monospace">
        {value}
      </Text>
    </div>
  );
}

/** Stacked bars of matched (below) and unmatched (above) requests per bucket. */
export function TrafficChart({ buckets, label }: { buckets: TrafficBucket[]; label: string }) {
  const width = 600;
  const height = 64;
  const max = Math.max(1, ...buckets.map((b) => b.requests));
  const slot = width / Math.max(1, buckets.length);
  const bar = Math.max(1, slot - 2);
  const scale = (n: number) => (n / max) * (height - 2);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      height={height}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {buckets.map((b, i) => {
        const matched = scale(b.matched);
        const unmatched = scale(b.unmatched);
        return (
          <g key={b.t}>
            <title>{`${new Date(b.t).toLocaleTimeString()}: ${b.matched} matched, ${b.unmatched} unmatched`}</title>
            <rect x={i * slot} y={height - matched} width={bar} height={matched} fill={MATCHED} />
            <rect x={i * slot} y={height - matched - unmatched} width={bar} height={unmatched} fill={UNMATCHED} />
          </g>
        );
      })}
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--mantine-color-default-border)" />
    </svg>
  );
}

/** "Traffic at a glance" (issue 14): rate, latency and matched vs unmatched, live. */
export function TrafficPanel({ report }: { report: TrafficReport | undefined }) {
  const minutes = Math.round(TRAFFIC_WINDOW_SECONDS / 60);
  const s = report?.summary;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="traffic-title">
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h5" id="traffic-title">
            Traffic
          </Title>
          <Text size="xs" c="dimmed">
            last {minutes} minutes, this server
          </Text>
        </Group>
        <Group gap="xl" wrap="wrap">
          <Figure label="Requests/s" value={report ? report.requests_per_second.toFixed(1) : '–'} />
          <Figure label="p50 latency" value={ms(s?.p50_ms ?? null)} />
          <Figure label="p99 latency" value={ms(s?.p99_ms ?? null)} />
          <Figure label="Matched" value={s ? String(s.matched) : '–'} />
          <Figure label="Unmatched" value={s ? String(s.unmatched) : '–'} />
        </Group>
        {report && (
          <TrafficChart
            buckets={report.buckets}
            label={`Requests per ${report.step_seconds} seconds over the last ${minutes} minutes: ${
              s?.matched ?? 0
            } matched, ${s?.unmatched ?? 0} unmatched`}
          />
        )}
        <Group gap="md">
          <Text size="xs" c="dimmed">
            <Swatch color={MATCHED} />
            matched
          </Text>
          <Text size="xs" c="dimmed">
            <Swatch color={UNMATCHED} />
            unmatched
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
