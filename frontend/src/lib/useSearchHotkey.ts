import { useHotkeys } from '@mantine/hooks';
import type { RefObject } from 'react';

/** `/` focuses the page's search field (ignored while typing in a field). */
export function useSearchHotkey(ref: RefObject<HTMLInputElement | null>): void {
  useHotkeys([
    [
      '/',
      (event) => {
        event.preventDefault();
        ref.current?.focus();
        ref.current?.select();
      },
    ],
  ]);
}
