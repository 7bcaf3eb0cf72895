/** Vite inlines a `?raw` import as the file's text at build time (main/store/migrations/). */
declare module '*.sql?raw' {
  const text: string;
  export default text;
}
