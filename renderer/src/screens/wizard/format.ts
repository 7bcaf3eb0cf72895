/** File sizes as a citizen reads them: "850 KB", "2,4 MB" (Vietnamese decimal comma). */
export function formatSize(bytes: number, locale = 'vi'): string {
  const fmt = (n: number) => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}
