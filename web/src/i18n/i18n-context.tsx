// The chosen language: Vietnamese unless the user switched, remembered in localStorage
// and mirrored in <html lang> and the document title.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { vi, type Dictionary, type MessageKey } from './vi';

export type Language = 'vi' | 'en';

const dictionaries: Record<Language, Dictionary> = { vi, en };
const STORAGE_KEY = 'lis.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  readonly lang: Language;
  readonly setLang: (lang: Language) => void;
  readonly t: Translate;
  /** Locale for Intl formatting of numbers and dates in the chosen language. */
  readonly locale: string;
}

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (privacy mode): stay in Vietnamese
  }
}

export function translate(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(readStoredLanguage);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
