import { useSyncExternalStore } from 'react';

/** The same key and logic as the inline script in index.html (applied before first paint). */
export const THEME_KEY = 'chat.theme';
export type ThemePreference = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

const media = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

export function getPreference(): ThemePreference {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(pref: ThemePreference, systemDark: boolean): Theme {
  return pref === 'system' ? (systemDark ? 'dark' : 'light') : pref;
}

export function currentTheme(): Theme {
  return resolveTheme(getPreference(), media().matches);
}

export function applyTheme(): void {
  const theme = currentTheme();
  const root = document.documentElement;
  if (root.classList.contains('dark') === (theme === 'dark')) return;
  // Switch every colour at once: no staggered colour transitions across the page.
  const freeze = document.createElement('style');
  freeze.textContent = '*,*::before,*::after{transition:none!important}';
  document.head.appendChild(freeze);
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
  void getComputedStyle(root).color; // apply the new colours now, while transitions are off
  requestAnimationFrame(() => freeze.remove());
}

export function setPreference(pref: ThemePreference): void {
  try {
    if (pref === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, pref);
  } catch {
    // private mode: the choice lasts this page only
  }
  applyTheme();
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const m = media();
  const onChange = () => {
    applyTheme();
    listener();
  };
  const onStorage = (e: StorageEvent) => {
    if (e.key === THEME_KEY || e.key === null) onChange();
  };
  m.addEventListener('change', onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    m.removeEventListener('change', onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useTheme(): { preference: ThemePreference; theme: Theme } {
  const preference = useSyncExternalStore(subscribe, getPreference, () => 'system' as const);
  const theme = useSyncExternalStore(subscribe, currentTheme, () => 'light' as const);
  return { preference, theme };
}
