import { useState, type FormEvent } from 'react';
import { authApi } from '../../api/auth.ts';
import { humanMessage, isApiError } from '../../api/http.ts';
import { Link } from '../../app/router.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Input.tsx';
import { AuthLayout, FormAlert } from './AuthLayout.tsx';
import { session } from './sessionStore.ts';

export function LoginPage({ notice }: { notice?: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const local: Record<string, string> = {};
    if (!username.trim()) local.username = 'Enter your username.';
    if (!password) local.password = 'Enter your password.';
    setFieldErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const tokens = await authApi.login({ username: username.trim(), password });
      session.signIn(tokens);
    } catch (err) {
      if (isApiError(err) && err.status === 401) {
        setError('Wrong username or password.');
      } else {
        setFieldErrors(isApiError(err) ? err.fieldErrors : {});
        setError(humanMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Welcome back" subtitle="Sign in to continue your conversations.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Sign in">
        {notice ? (
          <p role="status" className="rounded-lg bg-accent px-3 py-2 text-sm text-accent-foreground">
            {notice}
          </p>
        ) : null}
        <FormAlert message={error} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
          autoFocus
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" size="lg" loading={busy} className="justify-center mt-1">
          Sign in
        </Button>
        <p className="text-center text-sm text-muted-foreground">
          New here?{' '}
          <Link href="/register" className="font-medium text-primary hover:underline">
            Create an account
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
