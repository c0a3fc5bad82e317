// The Mocks page's filters live in the URL query (a filter set is a link).

import type { MockFilters, MockMode } from '../../../types/api';

export const MODES: MockMode[] = ['mock', 'proxy', 'proxy-with-fallback', 'passthrough'];

export interface ListFilters {
  search: string;
  enabled: '' | 'true' | 'false';
  mode: '' | MockMode;
  tag: string;
}

export function filtersFromParams(params: URLSearchParams): ListFilters {
  const enabled = params.get('enabled');
  const mode = params.get('mode') as MockMode | null;
  return {
    search: params.get('search') ?? '',
    enabled: enabled === 'true' || enabled === 'false' ? enabled : '',
    mode: mode && MODES.includes(mode) ? mode : '',
    tag: params.get('tag') ?? '',
  };
}

/** The query string for `filters`, without empty entries. */
export function paramsFromFilters(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value) params.set(name, value);
  }
  return params;
}

export function apiFilters(filters: ListFilters): MockFilters {
  return {
    search: filters.search || undefined,
    enabled: filters.enabled === '' ? undefined : filters.enabled === 'true',
    mode: filters.mode || undefined,
    tag: filters.tag || undefined,
  };
}
