import { request } from './http.ts';
import type { LoginRequest, RegisterRequest, TokenResponse, User } from './types.ts';

export const authApi = {
  register: (body: RegisterRequest) =>
    request<User>('/api/auth/register', { method: 'POST', body, auth: false }),
  login: (body: LoginRequest) =>
    request<TokenResponse>('/api/auth/login', { method: 'POST', body, auth: false }),
  refresh: (refreshToken: string) =>
    request<TokenResponse>('/api/auth/refresh', { method: 'POST', body: { refreshToken }, auth: false }),
};
