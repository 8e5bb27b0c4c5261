/** The extension's settings, read the same way by the desktop and the browser entries. */
import { workspace } from "vscode";

/** The `rubric.lang` setting, if set; otherwise the server follows VS Code's display language. */
export function configuredLang(): string | undefined {
  const v = workspace.getConfiguration("rubric").get<string>("lang");
  return v === "zh" || v === "en" ? v : undefined;
}
