import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Images come from our own media route in fixed widths with srcset
      // (components/article/LeadImage.tsx); next/image would add client JS.
      '@next/next/no-img-element': 'off',
      // Navigation is plain links on purpose: every page is a cached HTML
      // document that works without JavaScript, so there is no client router to use.
      '@next/next/no-html-link-for-pages': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  globalIgnores(['.next/**', '.next-test*/**', 'node_modules/**', 'lib/generated/**', '.data/**', '.portal-server/**', 'next-env.d.ts', 'bench/results/**']),
]);
