import { Tooltip } from '../../ui/Tooltip.tsx';
import { MoonIcon, SunIcon } from '../../ui/icons.tsx';
import { setPreference, useTheme } from './theme.ts';

/** Switches between light and dark (an explicit choice, remembered); the menu offers "system" again. */
export function ThemeToggle() {
  const { theme } = useTheme();
  const dark = theme === 'dark';
  return (
    <Tooltip label={dark ? 'Switch to light theme' : 'Switch to dark theme'}>
      <button
        type="button"
        aria-label="Dark theme"
        aria-pressed={dark}
        onClick={() => setPreference(dark ? 'light' : 'dark')}
        className="inline-flex h-9 w-9 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
      >
        {dark ? <MoonIcon className="h-5 w-5" /> : <SunIcon className="h-5 w-5" />}
      </button>
    </Tooltip>
  );
}
