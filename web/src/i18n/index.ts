export { I18nProvider, translate, useI18n, type I18n, type Language, type Translate } from './i18n-context';
export type { Dictionary, MessageKey } from './vi';
