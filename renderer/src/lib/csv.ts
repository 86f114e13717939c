/** CSV for the rows the user sees: one home for the rule (main/domain/csv.ts, formula cells guarded). */
export { toCsv } from '../../../main/domain/csv';

/** Saves text through a blob: URL and an <a download>, which stays inside the page. */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
