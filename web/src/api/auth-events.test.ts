import { describe, expect, it } from 'vitest';
import { authSignalOf } from './auth-events';

describe('what a refused call tells the session holder', () => {
  it('hears an ended session and a due password change from any screen', () => {
    expect(authSignalOf('/admin/accounts', { status: 401, code: 'UNAUTHENTICATED' })).toBe('session-ended');
    expect(authSignalOf('/admin/accounts', { status: 403, code: 'PASSWORD_CHANGE_REQUIRED' })).toBe('password-change-required');
    expect(authSignalOf('/admin/accounts', { status: 403, code: 'TOTP_SETUP_REQUIRED' })).toBe('password-change-required');
  });

  it('leaves the answers of the auth calls and other refusals to the screen that asked', () => {
    expect(authSignalOf('/auth/login', { status: 401, code: 'INVALID_CREDENTIALS' })).toBeNull();
    expect(authSignalOf('/auth/me', { status: 401, code: 'UNAUTHENTICATED' })).toBeNull();
    expect(authSignalOf('/admin/accounts', { status: 403, code: 'FORBIDDEN' })).toBeNull();
  });
});
