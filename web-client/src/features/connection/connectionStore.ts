import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../../realtime/socket.ts';

let status: ConnectionStatus = 'idle';
const listeners = new Set<() => void>();

export const connectionStore = {
  get: () => status,
  set(next: ConnectionStatus) {
    if (next === status) return;
    status = next;
    for (const l of [...listeners]) l();
  },
  subscribe(l: () => void) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};

export function useConnectionStatus(): ConnectionStatus {
  return useSyncExternalStore(connectionStore.subscribe, connectionStore.get, connectionStore.get);
}
