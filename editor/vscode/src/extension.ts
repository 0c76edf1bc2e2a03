// The routec VS Code extension: starts `python -m routec lsp` and connects
// VS Code to it. All checking happens in the server, so the editor shows
// exactly what `routec check` prints.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The interpreter to run routec with: the setting, else the Python extension's choice, else python3. */
async function pythonInterpreter(): Promise<string> {
  const configured = vscode.workspace.getConfiguration("routec").get<string>("pythonPath", "");
  if (configured) {
    return configured;
  }
  const python = vscode.extensions.getExtension("ms-python.python");
  if (python) {
    const api = python.isActive ? python.exports : await python.activate();
    const details = api?.settings?.getExecutionDetails?.(vscode.workspace.workspaceFolders?.[0]?.uri);
    const command: unknown = details?.execCommand?.[0];
    if (typeof command === "string" && command.length > 0) {
      return command;
    }
  }
  return "python3";
}

function settings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("routec");
  const dialect = config.get<string>("dialect", "auto");
  return {
    dialect: dialect === "auto" ? null : dialect,
    envCheck: config.get<boolean>("envCheck", false),
    checkAllFiles: config.get<boolean>("checkAllFiles", false),
    debounceMs: config.get<number>("debounceMs", 150),
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const python = await pythonInterpreter();
  const serverOptions: ServerOptions = {
    command: python,
    args: ["-m", "routec", "lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
      { scheme: "file", language: "jsonc" },
      { scheme: "file", language: "json5" },
      { scheme: "untitled", language: "yaml" },
      { scheme: "file", pattern: "**/*.json5" },
    ],
    initializationOptions: settings(),
    synchronize: { configurationSection: "routec" },
    outputChannelName: "routec",
  };
  client = new LanguageClient("routec", "routec", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("routec.restartServer", async () => {
      await client?.restart();
    }),
  );
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `routec: could not start \`${python} -m routec lsp\` (${message}). ` +
        "Install routec into that interpreter, or set routec.pythonPath.",
    );
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
