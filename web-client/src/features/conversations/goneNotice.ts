import { useSyncExternalStore } from 'react';

/**
 * Why the open conversation closed under the user (they were removed, or it was deleted): set by the push that
 * said so, shown once in its place, cleared when another conversation opens.
 */
let notice: string | null = null;
const listeners = new Set<() => void>();

export const goneNotice = {
  set(text: string | null) {
    notice = text;
    for (const l of [...listeners]) l();
  },
  get: () => notice,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useGoneNotice(): string | null {
  return useSyncExternalStore(goneNotice.subscribe, goneNotice.get, () => null);
}
