/** The words of a diagnostic, apart from the code table (codes.ts) and the diagnostic record (diagnostic.ts) that both use them. */
export type Severity = "error" | "warning" | "info";
export type Lang = "zh" | "en";

export interface Message {
  readonly zh: string;
  readonly en: string;
}
