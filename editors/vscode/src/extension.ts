// The dbspec extension: starts `dbspec lsp` and adds what VS Code needs
// around it (commands, a status bar item, settings). Every language feature
// comes from the server.
import { execFile } from "node:child_process";
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { findBinary } from "./binary";
import { BuildResult, Status } from "./status";

const INSTALL_URL = "https://github.com/dbspec/dbspec#install";
const RULE_SCHEME = "dbspec-rule";

let client: LanguageClient | undefined;
let serverBinary: string | undefined; // the binary start found, if any
let status: Status;
let output: vscode.OutputChannel;
// The markdown of the rules shown by "Explain Rule…", by rule name.
const explained = new Map<string, string>();

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("dbspec");
  status = new Status();
  ctx.subscriptions.push(output, status);

  const command = (id: string, fn: () => Promise<unknown>) =>
    ctx.subscriptions.push(vscode.commands.registerCommand(id, () => fn().catch(showError)));
  command("dbspec.restartServer", restart);
  command("dbspec.build", build);
  command("dbspec.showGeneratedSql", showGeneratedSql);
  command("dbspec.sealMigration", sealMigration);
  command("dbspec.explainRule", explainRule);

  ctx.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, {
      provideTextDocumentContent: (uri) => explained.get(ruleOf(uri)) ?? "",
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // buildOnSave and the trace reach the running server by themselves.
      if (e.affectsConfiguration("dbspec.path")) {
        restart().catch(showError);
      }
    }),
  );
  await vscode.commands.executeCommand("setContext", "dbspec.active", true);
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

// start starts the language server, or explains why it cannot.
async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("dbspec");
  const setting = config.get<string>("path") || "dbspec";
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const binary = await findBinary(setting, folder);
  serverBinary = binary;
  if (!binary) {
    status.missing(setting);
    output.appendLine(`cannot find the dbspec binary "${setting}" (setting dbspec.path)`);
    void missingBinary(setting);
    return;
  }
  const serverOptions: ServerOptions = { command: binary, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "dbspec" }],
    initializationOptions: { buildOnSave: config.get<boolean>("buildOnSave", true) },
    synchronize: {
      configurationSection: "dbspec",
      // Schema files, and the sum file a seal from the command line rewrites.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.dbspec,dbspec.sum}"),
    },
    outputChannel: output,
  };
  client = new LanguageClient("dbspec", "dbspec", serverOptions, clientOptions);
  client.onDidChangeState((e) => status.server(e.newState));
  client.onNotification("dbspec/buildResult", (r: BuildResult) => status.built(r));
  output.appendLine(`starting ${binary} lsp`);
  try {
    await client.start();
  } catch (err) {
    status.server(State.Stopped);
    throw err;
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    await c.dispose().catch(() => undefined);
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function missingBinary(setting: string): Promise<void> {
  const install = "How to install";
  const settings = "Open Settings";
  const pick = await vscode.window.showErrorMessage(
    `dbspec: cannot find the dbspec binary "${setting}". Install dbspec, or set "dbspec.path" to the binary.`,
    install,
    settings,
  );
  if (pick === install) {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  } else if (pick === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "dbspec.path");
  }
}

// run executes one of the server's dbspec.lsp.* commands.
async function run<T>(command: string, arg: object): Promise<T> {
  if (!client || !client.isRunning()) {
    throw new Error('the dbspec language server is not running (try "dbspec: Restart Language Server")');
  }
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [arg] }) as Promise<T>;
}

// schemaUri is the schema the commands act on: the active dbspec file's,
// or the first one in the workspace.
async function schemaUri(): Promise<vscode.Uri> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === "dbspec" && doc.uri.scheme === "file") {
    return doc.uri;
  }
  const [first] = await vscode.workspace.findFiles("**/*.dbspec", "**/node_modules/**", 1);
  if (!first) {
    throw new Error("open a .dbspec file first");
  }
  return first;
}

async function build(): Promise<void> {
  // The server shows the outcome and sends dbspec/buildResult for the status bar.
  await run<BuildResult>("dbspec.lsp.build", { uri: (await schemaUri()).toString() });
}

// showGeneratedSql opens the project's schema.sql beside the editor, or
// the DDL of the open buffers when the project writes no schema.sql (yet).
async function showGeneratedSql(): Promise<void> {
  const res = await run<{ path: string; sql: string }>("dbspec.lsp.generatedSql", {
    uri: (await schemaUri()).toString(),
  });
  let doc: vscode.TextDocument;
  if (res.path && (await exists(vscode.Uri.file(res.path)))) {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(res.path));
  } else {
    doc = await vscode.workspace.openTextDocument({ language: "sql", content: res.sql });
  }
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

async function sealMigration(): Promise<void> {
  const uri = await schemaUri();
  const message = await vscode.window.showInputBox({
    title: "dbspec: Seal Migration",
    prompt: "What the migration does; it names the migration files",
    placeHolder: "add labels",
    validateInput: (v) => (v.trim() ? undefined : "a message is required"),
  });
  if (!message) {
    return;
  }
  // The server seals the files on disk, so save the schema's buffers first.
  const dir = vscode.Uri.joinPath(uri, "..").fsPath;
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.languageId === "dbspec" && vscode.Uri.joinPath(doc.uri, "..").fsPath === dir) {
      await doc.save();
    }
  }
  // The server shows the outcome as a message.
  await run<BuildResult>("dbspec.lsp.seal", { uri: uri.toString(), message });
}

async function explainRule(): Promise<void> {
  const rule = await vscode.window.showQuickPick(listRules(), {
    title: "dbspec: Explain Rule",
    placeHolder: "rule name",
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!rule) {
    return;
  }
  const res = await run<{ rule: string; markdown: string }>("dbspec.lsp.explain", { rule: rule.label });
  explained.set(res.rule, res.markdown);
  const uri = vscode.Uri.from({ scheme: RULE_SCHEME, path: `/${res.rule}.md` });
  try {
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: res.markdown });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
  }
}

// listRules lists the rules with `dbspec rules`: "name  severity  summary" lines.
async function listRules(): Promise<vscode.QuickPickItem[]> {
  const binary = serverBinary;
  if (!binary) {
    throw new Error("cannot find the dbspec binary (setting dbspec.path)");
  }
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(binary, ["rules"], (err, out) => (err ? reject(err) : resolve(out))),
  );
  return stdout
    .split("\n")
    .map((line) => line.trim().match(/^(\S+)\s+(\S+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map(([, name, severity, summary]) => ({ label: name, description: severity, detail: summary }));
}

function ruleOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, "").replace(/\.md$/, "");
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function showError(err: unknown): void {
  const msg = err instanceof Error ? err.message : String(err);
  output.appendLine(`error: ${msg}`);
  void vscode.window.showErrorMessage(`dbspec: ${msg}`);
}
