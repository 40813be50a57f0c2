/** One part of one language's catalogue, cut by scripts/catalogue-parts-plugin.ts at build time. */
declare module 'virtual:messages/*' {
  /** Plain text as a string, anything with ICU syntax as its parsed tree. */
  const messages: Record<string, string | import('@formatjs/icu-messageformat-parser').MessageFormatElement[]>;
  export default messages;
}
