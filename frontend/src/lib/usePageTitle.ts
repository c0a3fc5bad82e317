import { useEffect } from 'react';

/** Sets the browser tab title to "<page> · Mimicus". */
export function usePageTitle(page: string): void {
  useEffect(() => {
    document.title = page ? `${page} · Mimicus` : 'Mimicus';
  }, [page]);
}
