// The signed-in account in the header: name, then change password, sessions, sign out.
import { useEffect, useRef, useState } from 'react';
import type { Me } from '../../api';
import { useI18n } from '../../i18n';

export interface UserMenuProps {
  readonly me: Me;
  /** Hide the links that lead elsewhere (while a password change is due). */
  readonly restricted: boolean;
  readonly onChangePassword: () => void;
  readonly onSessions: () => void;
  readonly onTotp: () => void;
  readonly onLogout: () => void;
}

export function UserMenu({ me, restricted, onChangePassword, onSessions, onTotp, onLogout }: UserMenuProps) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  const role = me.grants[0];
  return (
    <div className="user-menu" ref={root} data-testid="user-menu">
      <button
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="user-menu-button"
        onClick={() => setOpen((value) => !value)}
      >
        <span data-testid="user-name">{me.fullName}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="user-menu-list" role="menu">
          <div className="user-menu-who">
            <strong>{me.fullName}</strong>
            <small>{me.username}</small>
            {role && <small>{`${role.roleName[lang]} — ${role.unitName}`}</small>}
          </div>
          {!restricted && (
            <>
              <button type="button" role="menuitem" data-testid="menu-password" onClick={choose(onChangePassword)}>
                {t('menu.changePassword')}
              </button>
              <button type="button" role="menuitem" data-testid="menu-sessions" onClick={choose(onSessions)}>
                {t('menu.sessions')}
              </button>
              <button type="button" role="menuitem" data-testid="menu-totp" onClick={choose(onTotp)}>
                {t('menu.totp')}
                {me.totpEnabled && <span className="menu-check" aria-hidden="true"> ✓</span>}
              </button>
            </>
          )}
          <button type="button" role="menuitem" data-testid="menu-logout" onClick={choose(onLogout)}>
            {t('menu.logout')}
          </button>
        </div>
      )}
    </div>
  );
}
