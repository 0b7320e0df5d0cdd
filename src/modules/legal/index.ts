export { defaultTexts, legalTextsOf, type LegalState } from './legal.ts';
export { legalRoutes } from './routes.ts';
export { PrivacyNotice } from './views/PrivacyNotice.tsx';
