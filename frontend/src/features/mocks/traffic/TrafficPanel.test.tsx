import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { TrafficReport } from '../../../types/api';
import { Sparkline } from './Sparkline';
import { TrafficPanel } from './TrafficPanel';
import { recentHitsById } from './useTraffic';

const report: TrafficReport = {
  now: '2026-11-30T09:00:00.000Z',
  window_seconds: 300,
  step_seconds: 10,
  requests_per_second: 2.5,
  summary: { requests: 40, matched: 36, unmatched: 4, p50_ms: 0.42, p99_ms: 31.6 },
  buckets: [
    { t: '2026-11-30T08:59:40Z', requests: 0, matched: 0, unmatched: 0, p50_ms: null, p99_ms: null },
    { t: '2026-11-30T08:59:50Z', requests: 40, matched: 36, unmatched: 4, p50_ms: 0.42, p99_ms: 31.6 },
  ],
  mock_step_seconds: 10,
  mocks: [{ mock_id: 'a', hits: [0, 3] }],
};

describe('traffic at a glance', () => {
  it('shows rate, percentiles and matched vs unmatched, with a labelled chart', () => {
    render(
      <MantineProvider>
        <TrafficPanel report={report} />
      </MantineProvider>,
    );
    expect(screen.getByRole('region', { name: 'Traffic' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Requests/s' })).toHaveTextContent('2.5');
    expect(screen.getByRole('group', { name: 'p50 latency' })).toHaveTextContent('0.42 ms');
    expect(screen.getByRole('group', { name: 'p99 latency' })).toHaveTextContent('32 ms');
    expect(screen.getByRole('group', { name: 'Unmatched' })).toHaveTextContent('4');
    const chart = screen.getByRole('img', {
      name: 'Requests per 10 seconds over the last 5 minutes: 36 matched, 4 unmatched',
    });
    // One matched and one unmatched bar per bucket; the busiest bucket fills the height.
    const heights = [...chart.querySelectorAll('rect')].map((r) => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(4);
    expect(heights[2]! + heights[3]!).toBeCloseTo(62);
  });

  it('shows dashes before the first answer', () => {
    render(
      <MantineProvider>
        <TrafficPanel report={undefined} />
      </MantineProvider>,
    );
    expect(screen.getByRole('group', { name: 'Requests/s' })).toHaveTextContent('–');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('draws a sparkline named by its numbers, and maps hits by mock id', () => {
    render(<Sparkline values={[0, 2, 4]} label="Get a user: 6 hits in the last 5 minutes" />);
    const line = screen.getByRole('img', { name: 'Get a user: 6 hits in the last 5 minutes' });
    expect(line.querySelector('polyline')?.getAttribute('points')).toBe('0.0,21.0 42.0,11.0 84.0,1.0');
    expect(recentHitsById(report).get('a')).toEqual([0, 3]);
    expect(recentHitsById(undefined).size).toBe(0);
  });
});
