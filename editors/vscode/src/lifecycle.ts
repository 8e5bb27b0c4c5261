/** Starting and stopping the client, the same for the desktop and the browser entries. */
import { workspace, type ExtensionContext } from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";

export function clientLifecycle(create: (context: ExtensionContext) => BaseLanguageClient): {
  activate(context: ExtensionContext): Promise<void>;
  deactivate(): Promise<void>;
} {
  let client: BaseLanguageClient | undefined;
  return {
    async activate(context) {
      client = create(context);
      context.subscriptions.push(
        workspace.onDidChangeConfiguration(async (e) => {
          // The server re-reads `rubric.lang` itself; a restart also resets what it computed in the old language.
          if (!e.affectsConfiguration("rubric.lang") || !client) return;
          await client.stop();
          client = create(context);
          await client.start();
        }),
      );
      await client.start();
    },
    async deactivate() {
      await client?.stop();
      client = undefined;
    },
  };
}
