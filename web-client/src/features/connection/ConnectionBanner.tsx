import { useEffect, useState } from 'react';
import { useChat } from '../../app/ChatContext.tsx';
import { cn } from '../../ui/cn.ts';
import { WifiOffIcon } from '../../ui/icons.tsx';
import { Spinner } from '../../ui/Button.tsx';
import { useConnectionStatus } from './connectionStore.ts';

/** Shown while the live connection is down (role=status: announced politely). */
export function ConnectionBanner() {
  const status = useConnectionStatus();
  const { socket } = useChat();
  // A first connect is quick: say nothing for a moment to avoid a flash on every page load.
  const [grace, setGrace] = useState(true);
  useEffect(() => {
    const t = setTimeout(() => setGrace(false), 1500);
    return () => clearTimeout(t);
  }, []);
  const down = status === 'offline' || status === 'reconnecting' || (status === 'connecting' && !grace);
  return (
    <div role="status" aria-live="polite" className={cn(!down && 'sr-only')} data-connection={status}>
      {down ? (
        <div
          className={cn(
            'flex items-center justify-center gap-2 px-4 py-1.5 text-sm font-medium',
            status === 'offline' ? 'bg-warning-soft text-warning-foreground' : 'bg-accent text-accent-foreground',
          )}
        >
          {status === 'offline' ? (
            <>
              <WifiOffIcon className="h-4 w-4" />
              You’re offline. Messages you send will go out when you’re back online.
            </>
          ) : (
            <>
              <Spinner className="h-3.5 w-3.5" />
              {status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
              <button
                type="button"
                onClick={() => socket.reconnectNow()}
                className="ml-1 underline underline-offset-2 hover:no-underline cursor-pointer rounded focus-visible:outline-2 focus-visible:outline-ring"
              >
                Retry now
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
