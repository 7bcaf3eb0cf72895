// The part of subset-font (harfbuzz's hb-subset, as WebAssembly) that scripts/kiosk-fonts.ts uses.
declare module 'subset-font' {
  export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' }): Promise<Buffer>;
}
