// The status bar item: the server's state and the last build's result.
import * as vscode from "vscode";
import { State } from "vscode-languageclient/node";

// BuildResult is the params of the server's dbspec/buildResult notification.
export interface BuildResult {
  dir: string;
  ok: boolean;
  written?: string[];
  message: string;
}

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("dbspec.status", vscode.StatusBarAlignment.Left, 10);
  private state = "starting";
  private last?: BuildResult;
  private lastAt?: Date;

  constructor() {
    this.item.name = "dbspec";
    // A click offers the dbspec commands.
    this.item.command = { title: "dbspec commands", command: "workbench.action.quickOpen", arguments: [">dbspec: "] };
    this.render();
    this.item.show();
  }

  server(state: State): void {
    this.state = state === State.Running ? "running" : state === State.Starting ? "starting" : "stopped";
    this.render();
  }

  missing(setting: string): void {
    this.state = `not found: ${setting}`;
    this.render();
  }

  built(r: BuildResult): void {
    this.last = r;
    this.lastAt = new Date();
    this.render();
  }

  private render(): void {
    const item = this.item;
    const tip = new vscode.MarkdownString(`**dbspec** language server: ${this.state}`);
    item.backgroundColor = undefined;
    if (this.state === "starting") {
      item.text = "$(sync~spin) dbspec";
    } else if (this.state !== "running") {
      item.text = "$(error) dbspec";
      item.backgroundColor = new vscode.ThemeColor("statusBarItem.errorBackground");
    } else if (!this.last) {
      item.text = "$(database) dbspec";
    } else if (this.last.ok) {
      item.text = "$(check) dbspec: built";
    } else {
      item.text = "$(warning) dbspec: build failed";
      item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    }
    if (this.last && this.lastAt) {
      const written = (this.last.written ?? []).map((f) => `- ${vscode.workspace.asRelativePath(f)}`).join("\n");
      tip.appendMarkdown(`\n\nLast build (${this.lastAt.toLocaleTimeString()}): ${this.last.message}`);
      if (written) {
        tip.appendMarkdown(`\n\n${written}`);
      }
    }
    item.tooltip = tip;
    // The accessibility label doubles as the test's handle on the state.
    item.accessibilityInformation = { label: `dbspec ${this.state}${this.last ? (this.last.ok ? ", built" : ", build failed") : ""}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}
