// The password policy (A7) as the portal explains it: at least 12 characters, at least
// three of four kinds of character, and not the username or the national ID. The server
// decides; these checks only light up the rules as the holder types.

export const MIN_PASSWORD_LENGTH = 12;

export type PolicyRule = 'length' | 'classes' | 'personal';

export interface PolicyCheck {
  readonly rule: PolicyRule;
  /** null when the portal cannot tell (the national ID is not known to it). */
  readonly met: boolean | null;
}

export function characterClasses(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((pattern) => pattern.test(password)).length;
}

export function checkPassword(password: string, personal: { username?: string; nationalId?: string }): PolicyCheck[] {
  // Folded as the server folds it: "Ngọc" contains "ngoc".
  const folded = password.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  const mentions = [personal.username, personal.nationalId]
    .filter((value): value is string => !!value && value.length >= 3)
    .some((value) => folded.includes(value.toLowerCase()));
  return [
    { rule: 'length', met: password.length === 0 ? null : [...password].length >= MIN_PASSWORD_LENGTH },
    { rule: 'classes', met: password.length === 0 ? null : characterClasses(password) >= 3 },
    { rule: 'personal', met: password.length === 0 ? null : !mentions },
  ];
}
