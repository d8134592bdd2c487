// Password policy (A7: the holder keeps the account safe). Long passphrases are
// welcome; short or guessable ones are refused with the rule that failed, in both
// languages. Pure: no I/O.
import type { BilingualMessage } from '../../kernel/app-error.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = ['password', 'matkhau', '123456', 'qwerty', 'abc123', 'admin', 'binhphuoc', 'dongnai', 'vanphong'];

function classes(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/** null when acceptable, otherwise why not. */
export function checkPassword(password: string, context: { username: string; nationalId: string }): BilingualMessage | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { vi: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`, en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { vi: `Mật khẩu không được dài quá ${MAX_PASSWORD_LENGTH} ký tự`, en: `The password must not exceed ${MAX_PASSWORD_LENGTH} characters` };
  }
  if (classes(password) < 3) {
    return {
      vi: 'Mật khẩu phải có ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu',
      en: 'The password must mix at least 3 of: lower case, upper case, digits, symbols',
    };
  }
  const folded = password.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  if (folded.includes(context.username.toLowerCase()) || password.includes(context.nationalId)) {
    return { vi: 'Mật khẩu không được chứa tên đăng nhập hoặc số định danh', en: 'The password must not contain the username or the national ID' };
  }
  if (COMMON.some((word) => folded.includes(word))) {
    return { vi: 'Mật khẩu chứa cụm từ quá phổ biến', en: 'The password contains a too common word' };
  }
  return null;
}
