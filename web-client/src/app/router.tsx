import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny History-API router: /login, /register, /, /c/:conversationId and /join/:code (invite links). */
export type Route =
  | { name: 'login' }
  | { name: 'register' }
  | { name: 'home' }
  | { name: 'conversation'; conversationId: string }
  | { name: 'join'; code: string }
  | { name: 'notFound'; path: string };

export function matchRoute(pathname: string): Route {
  if (pathname === '/login') return { name: 'login' };
  if (pathname === '/register') return { name: 'register' };
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const m = /^\/c\/([^/]+)\/?$/.exec(pathname);
  if (m) return { name: 'conversation', conversationId: decodeURIComponent(m[1]!) };
  const j = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (j) return { name: 'join', code: decodeURIComponent(j[1]!) };
  return { name: 'notFound', path: pathname };
}

const listeners = new Set<() => void>();

function emit() {
  for (const l of [...listeners]) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', emit);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getPath = () => window.location.pathname;

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  emit();
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPath, () => '/');
}

export function useRoute(): Route {
  return matchRoute(usePathname());
}

export function conversationPath(id: string): string {
  return `/c/${encodeURIComponent(id)}`;
}

/** An anchor that navigates client-side on a plain left click (modified clicks keep browser behaviour). */
export function Link({ href, onClick, replace, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; replace?: boolean }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href, replace ? { replace } : {});
  };
  return <a href={href} onClick={handle} {...rest} />;
}
