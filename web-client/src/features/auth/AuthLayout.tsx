import type { ReactNode } from 'react';
import { ChatIcon } from '../../ui/icons.tsx';
import { ThemeToggle } from '../theme/ThemeToggle.tsx';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <div className="min-h-full flex flex-col bg-surface">
      <header className="flex items-center justify-between px-5 py-4">
        <div className="flex items-center gap-2 font-semibold">
          <span className="inline-flex h-8 w-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
            <ChatIcon className="h-4.5 w-4.5" />
          </span>
          Chat
        </div>
        <ThemeToggle />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-[8vh]">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="mt-1.5 text-sm text-muted-foreground">{subtitle}</p>
          <div className="mt-6 rounded-2xl border border-border bg-background p-6 shadow-sm">{children}</div>
        </div>
      </main>
    </div>
  );
}

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-lg border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger">
      {message}
    </div>
  );
}
