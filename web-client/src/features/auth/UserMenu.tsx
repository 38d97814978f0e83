import * as Menu from '@radix-ui/react-dropdown-menu';
import { useQuery } from '@tanstack/react-query';
import { usersApi } from '../../api/users.ts';
import { qk } from '../../app/queryKeys.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { LogOutIcon, MonitorIcon, MoonIcon, SunIcon } from '../../ui/icons.tsx';
import { setPreference, useTheme, type ThemePreference } from '../theme/theme.ts';
import { session } from './sessionStore.ts';

const item =
  'flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted';

export function useMe() {
  return useQuery({ queryKey: qk.me, queryFn: usersApi.me, staleTime: 5 * 60_000 });
}

export function UserMenu() {
  const { data: me } = useMe();
  const { preference } = useTheme();
  const name = me?.displayName ?? '…';
  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label={`Account menu${me ? ` for ${me.displayName}` : ''}`}
        className="flex min-w-0 items-center gap-2 rounded-xl p-1 pr-2 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
      >
        <Avatar name={name} seed={me?.userId} size="sm" />
        <span className="min-w-0 text-left">
          <span className="block truncate text-sm font-semibold leading-tight">{name}</span>
          {me ? <span className="block truncate text-xs text-muted-foreground leading-tight">@{me.username}</span> : null}
        </span>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-52 rounded-xl border border-border bg-background p-1 shadow-xl animate-pop-in"
        >
          <Menu.Label className="px-2 py-1.5 text-xs font-medium text-muted-foreground">Theme</Menu.Label>
          <Menu.RadioGroup value={preference} onValueChange={(v) => setPreference(v as ThemePreference)}>
            <Menu.RadioItem value="system" className={item}>
              <MonitorIcon className="h-4 w-4" /> System
              <Menu.ItemIndicator className="ml-auto text-primary">●</Menu.ItemIndicator>
            </Menu.RadioItem>
            <Menu.RadioItem value="light" className={item}>
              <SunIcon className="h-4 w-4" /> Light
              <Menu.ItemIndicator className="ml-auto text-primary">●</Menu.ItemIndicator>
            </Menu.RadioItem>
            <Menu.RadioItem value="dark" className={item}>
              <MoonIcon className="h-4 w-4" /> Dark
              <Menu.ItemIndicator className="ml-auto text-primary">●</Menu.ItemIndicator>
            </Menu.RadioItem>
          </Menu.RadioGroup>
          <Menu.Separator className="my-1 h-px bg-border" />
          <Menu.Item className={item} onSelect={() => session.signOut('signed-out')}>
            <LogOutIcon className="h-4 w-4" /> Sign out
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
