// End-to-end test of the dbspec extension in the real VS Code workbench:
// code-server with our packaged .vsix installed, driven by playwright-core
// with Debian's Chromium. It opens a copy of the saas example with one
// finding introduced and checks what a person would see.
//
// Environment: CODE_SERVER (its bin), DBSPEC (the built binary), VSIX,
// REPO (the repository), SHOTS (where the docs screenshots go), OUT (logs
// and failure screenshots). Prints "N passed, N failed"; exits 1 on failure.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const env = (name) => process.env[name] || fail(`${name} is not set`);
const CODE_SERVER = env("CODE_SERVER");
const DBSPEC = env("DBSPEC");
const VSIX = env("VSIX");
const REPO = env("REPO");
const SHOTS = env("SHOTS");
const OUT = env("OUT");
const MOD = process.platform === "darwin" ? "Meta" : "Control";

function fail(msg) {
  console.error(`e2e: ${msg}`);
  process.exit(2);
}

// --- the fixture ---------------------------------------------------------

const tmp = mkdtempSync(join(tmpdir(), "dbspec-vscode-"));
const ws = join(tmp, "saas");
cpSync(join(REPO, "testdata/examples/saas"), ws, { recursive: true });
// The one finding: a camelCase column, fixed by the quick fix "rename".
const tenantsFile = join(ws, "tenants.dbspec");
const tenants = readFileSync(tenantsFile, "utf8");
const FINDING_LINE = tenants.split("\n").findIndex((l) => l.startsWith("  trial_ends_at ")) + 1;
if (FINDING_LINE === 0) fail("testdata/examples/saas/tenants.dbspec has no trial_ends_at column");
writeFileSync(tenantsFile, tenants.replace("  trial_ends_at timestamptz?", "  trialEndsAt   timestamptz?"));
const HOVER_LINE = tenants.split("\n").findIndex((l) => l.startsWith("  country_code ")) + 1;

// dbspec.path goes into the workspace settings too: they come with the
// folder, while code-server's user settings were seen to arrive after the
// extension had started and looked the binary up.
mkdirSync(join(ws, ".vscode"), { recursive: true });
const workspaceSettings = join(ws, ".vscode", "settings.json");
writeFileSync(workspaceSettings, JSON.stringify({ "dbspec.path": DBSPEC }));

const userData = join(tmp, "user-data");
const extensions = join(tmp, "extensions");
mkdirSync(join(userData, "User"), { recursive: true });
writeFileSync(
  join(userData, "User", "settings.json"),
  JSON.stringify(
    {
      "dbspec.path": DBSPEC,
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.enableExperiments": false,
      "security.workspace.trust.enabled": false,
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "extensions.ignoreRecommendations": true,
      "editor.hover.delay": 200,
      "editor.minimap.enabled": false,
      "chat.commandCenter.enabled": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      "window.commandCenter": false,
      "git.enabled": false,
    },
    null,
    2,
  ),
);
const config = join(tmp, "config.yaml");
writeFileSync(config, "auth: none\n");
mkdirSync(OUT, { recursive: true });
mkdirSync(SHOTS, { recursive: true });

// --- the checks ----------------------------------------------------------

let passed = 0;
let failed = 0;
let page;

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await page?.keyboard.press("Escape"); // whatever an earlier check left open
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err?.message ?? err}`);
    const shot = join(OUT, `fail-${name.replace(/\W+/g, "-")}.png`);
    await page?.screenshot({ path: shot }).catch(() => {});
    console.log(`     screenshot: ${shot}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

// poll retries fn until it returns a truthy value or the time is up.
async function poll(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}

// runCommand runs a command from the command palette by its title.
async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

// goTo puts the cursor at line:col of the active editor.
async function goTo(line, col) {
  await page.keyboard.press(`${MOD}+G`);
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press("Enter");
  await input.waitFor({ state: "hidden" });
}

// The active editor's visible lines (the editor renders spaces as U+00A0).
const editorText = async () =>
  (await page.locator(".editor-group-container.active .monaco-editor .view-lines").innerText()).replace(/\u00a0/g, " ");
const problems = () => page.locator(".markers-panel .monaco-list-row").allInnerTexts();

// --- code-server ---------------------------------------------------------

const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const dirs = ["--config", config, "--user-data-dir", userData, "--extensions-dir", extensions];
execFileSync(CODE_SERVER, [...dirs, "--install-extension", VSIX, "--force"], { stdio: "inherit" });

const port = await freePort();
const log = join(OUT, "code-server.log");
// Its own process group: killing the group also ends the extension host and
// the dbspec server it started.
const server = spawn(
  CODE_SERVER,
  [...dirs, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry",
    "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
    "--ignore-last-opened", ws],
  { detached: true, stdio: ["ignore", "pipe", "pipe"] },
);
const logLines = [];
server.stdout.on("data", (d) => logLines.push(String(d)));
server.stderr.on("data", (d) => logLines.push(String(d)));

let browser;
async function cleanup() {
  writeFileSync(log, logLines.join(""));
  // The workbench's logs, with the dbspec output channel (the server's log).
  await browser?.close().catch(() => {});
  rmSync(join(OUT, "logs"), { recursive: true, force: true });
  if (existsSync(join(userData, "logs"))) cpSync(join(userData, "logs"), join(OUT, "logs"), { recursive: true });
  try {
    process.kill(-server.pid, "SIGKILL");
  } catch {}
  rmSync(tmp, { recursive: true, force: true });
}
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => cleanup().then(() => process.exit(130)));
// A watchdog: a hung workbench must not hang CI, nor leave code-server behind.
setTimeout(() => {
  console.log(`FAIL the test took over 5 minutes\n${passed} passed, ${failed + 1} failed`);
  cleanup().then(() => process.exit(1));
}, 5 * 60 * 1000).unref();

try {
  await poll("code-server to listen", async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60000);
  browser = await chromium.launchPersistentContext(join(tmp, "chromium"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });
  // The explorer lists the workspace once the window is ready.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "tenants.dbspec" }).waitFor({ timeout: 60000 });

  await check("opens tenants.dbspec as dbspec", async () => {
    await page.keyboard.press(`${MOD}+P`);
    await page.locator(".quick-input-widget input").fill("tenants.dbspec");
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "tenants.dbspec" }).first().waitFor();
    await page.keyboard.press("Enter");
    await poll("the editor", async () => (await editorText()).includes("trialEndsAt"));
    const mode = await page.locator(".statusbar-item[id='status.editor.mode']").innerText();
    assert(mode.trim() === "dbspec", `language mode is "${mode}"`);
  });

  await check("status bar shows the running server", async () => {
    const item = page.locator('.statusbar-item[aria-label^="dbspec "]');
    await poll("the status item", async () => (await item.getAttribute("aria-label"))?.startsWith("dbspec running"));
  });

  await check("diagnostics in the Problems panel", async () => {
    await page.keyboard.press(`${MOD}+Shift+M`);
    const rows = await poll("the snake-case finding", async () => {
      const r = await problems();
      return r.some((t) => t.includes("trialEndsAt") && t.includes("naming/snake-case")) && r;
    });
    const row = rows.find((t) => t.includes("trialEndsAt"));
    assert(row.includes(`[Ln ${FINDING_LINE}, Col 3]`), `finding at the wrong position: ${row}`);
    // The saas example is otherwise clean: this is the only finding.
    assert(rows.filter((t) => t.includes("[Ln ")).length === 1, `more findings than expected:\n${rows.join("\n")}`);
    // A squiggle under the column in the editor.
    await goTo(FINDING_LINE, 3);
    await page.locator(".active .monaco-editor .squiggly-warning").first().waitFor();
    // The finding's hover card names the rule.
    await page.keyboard.press(`${MOD}+K`);
    await page.keyboard.press(`${MOD}+I`);
    const hover = page.locator(".monaco-hover:not(.hidden) .hover-contents").first();
    const text = await poll("the finding's hover", async () => hover.innerText({ timeout: 1000 }));
    assert(text.includes("naming/snake-case"), `the finding's hover says:\n${text}`);
    await page.waitForTimeout(500); // the card fades in
    await page.screenshot({ path: join(SHOTS, "vscode-diagnostic.png") });
  });

  await check("hover card on a column", async () => {
    await page.keyboard.press(`${MOD}+J`); // hide the panel
    await goTo(HOVER_LINE, 4);
    await page.keyboard.press(`${MOD}+K`);
    await page.keyboard.press(`${MOD}+I`);
    const hover = page.locator(".monaco-hover:not(.hidden) .hover-contents").first();
    const text = await poll("the hover", async () => hover.innerText({ timeout: 1000 }));
    assert(text.includes("country_code") && text.includes("countries.code"), `hover says:\n${text}`);
    await page.waitForTimeout(500); // the card fades in
    await page.screenshot({ path: join(SHOTS, "vscode-hover.png") });
    await page.keyboard.press("Escape");
  });

  await check("quick fix renames the column", async () => {
    await goTo(FINDING_LINE, 4);
    await page.keyboard.press(`${MOD}+.`);
    const menu = page.locator(".action-widget");
    await menu.waitFor({ state: "visible" });
    const items = await poll("the quick fixes", async () => {
      const t = await menu.locator(".monaco-list-row").allInnerTexts();
      return t.some((x) => x.includes("trial_ends_at")) && t;
    });
    await page.screenshot({ path: join(SHOTS, "vscode-quickfix.png") });
    // Move to the rename fix with the keyboard: clicks on this widget get lost.
    const focused = async () => menu.locator(".monaco-list-row.focused").innerText();
    for (let i = 0; i < items.length && !(await focused()).includes("trial_ends_at"); i++) {
      await page.keyboard.press("ArrowDown");
    }
    assert((await focused()).includes("trial_ends_at"), `no rename fix in:\n${items.join("\n")}`);
    await page.keyboard.press("Enter");
    await poll("the fixed text", async () => (await editorText()).includes("trial_ends_at"));
  });

  await check("save writes the fix and the finding goes away", async () => {
    const before = existsSync(join(ws, "db/schema.sql"));
    assert(!before, "db/schema.sql exists before any build");
    await page.keyboard.press(`${MOD}+S`);
    const disk = await poll("the file on disk", () => {
      const t = readFileSync(tenantsFile, "utf8");
      return t.includes("trial_ends_at") && t;
    });
    assert(!disk.includes("trialEndsAt"), "the old name is still on disk");
    await page.keyboard.press(`${MOD}+Shift+M`);
    await poll("an empty Problems panel", async () => !(await problems()).some((t) => t.includes("naming/snake-case")));
  });

  await check("build on save updates the status bar", async () => {
    const item = page.locator('.statusbar-item[aria-label^="dbspec "]');
    await poll("the build result", async () => (await item.getAttribute("aria-label")) === "dbspec running, built");
    assert((await item.innerText()).includes("built"), `status bar says "${await item.innerText()}"`);
    const sql = await poll("db/schema.sql", () => existsSync(join(ws, "db/schema.sql")) && readFileSync(join(ws, "db/schema.sql"), "utf8"));
    assert(sql.includes("trial_ends_at"), "schema.sql lacks the renamed column");
  });

  await check("Show Generated SQL opens schema.sql", async () => {
    await runCommand("dbspec: Show Generated SQL");
    const tab = page.locator(".tabs-container .tab.active", { hasText: "schema.sql" });
    await tab.first().waitFor({ timeout: 15000 });
    const text = await poll("the SQL", async () => {
      const t = await editorText();
      return t.includes("Code generated by dbspec") && t;
    });
    assert(text.includes("CREATE TYPE plan AS ENUM"), `schema.sql shows:\n${text}`);
    const groups = await page.locator(".editor-group-container").count();
    assert(groups === 2, `schema.sql opened in ${groups} groups, not beside the schema`);
  });

  await check("Build writes schema.sql again", async () => {
    rmSync(join(ws, "db/schema.sql"));
    await runCommand("dbspec: Build");
    await page.locator(".notification-toast", { hasText: "schema.sql" }).first().waitFor({ timeout: 15000 });
    await poll("db/schema.sql", () => existsSync(join(ws, "db/schema.sql")));
  });

  await check("Seal Migration asks for a message and seals", async () => {
    const migrations = join(ws, "db/migrations");
    const before = existsSync(migrations) ? readdirSync(migrations) : [];
    await runCommand("dbspec: Seal Migration");
    const input = page.locator(".quick-input-widget input");
    await input.waitFor({ state: "visible" });
    await input.fill("rename trial end");
    await page.keyboard.press("Enter");
    const added = await poll("the sealed migration", () => {
      const now = existsSync(migrations) ? readdirSync(migrations).filter((f) => !before.includes(f)) : [];
      // (the server writes through temporary files; wait for the final names)
      const sealed = (kind) => now.some((f) => new RegExp(`^\\d+_rename_trial_end\\.${kind}\\.sql$`).test(f));
      return sealed("up") && sealed("down") && now;
    });
    const up = readFileSync(join(migrations, added.find((f) => f.endsWith(".up.sql"))), "utf8");
    assert(/trial_ends_at/.test(up), `the migration does not touch the column:\n${up}`);
  });

  await check("Explain Rule shows the rule's documentation", async () => {
    await runCommand("dbspec: Explain Rule");
    const input = page.locator(".quick-input-widget input");
    const rows = page.locator(".quick-input-list .monaco-list-row");
    await poll("the rules", async () => (await rows.count()) > 5);
    await input.fill("naming/snake-case");
    await rows.filter({ hasText: "naming/snake-case" }).first().waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".tabs-container .tab.active", { hasText: "snake-case" }).first().waitFor({ timeout: 15000 });
    // The preview (a webview, in frames of its own) shows the rule's summary.
    const summary = execFileSync(DBSPEC, ["rules"], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().match(/^naming\/snake-case\s+\S+\s+(.*)$/))
      .find((m) => m)[1];
    await poll("the rule's documentation in the preview", async () => {
      for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
        const text = await frame.evaluate(() => document.body?.innerText ?? "").catch(() => "");
        if (text.toLowerCase().includes(summary.toLowerCase())) return true;
      }
      return false;
    });
  });

  await check("a missing binary is reported, and a path change restarts", async () => {
    const item = page.locator('.statusbar-item[aria-label^="dbspec "]');
    writeFileSync(workspaceSettings, JSON.stringify({ "dbspec.path": join(tmp, "no-such-dbspec") }));
    const toast = page.locator(".notification-toast", { hasText: "cannot find the dbspec binary" });
    await toast.waitFor({ timeout: 20000 });
    await toast.locator(".monaco-button", { hasText: "How to install" }).waitFor();
    await poll("the status", async () => (await item.getAttribute("aria-label"))?.startsWith("dbspec not found"));
    writeFileSync(workspaceSettings, JSON.stringify({ "dbspec.path": DBSPEC }));
    await poll("the restarted server", async () => (await item.getAttribute("aria-label"))?.startsWith("dbspec running"));
  });
} catch (err) {
  failed++;
  console.log(`FAIL setup: ${err?.stack ?? err}`);
  await page?.screenshot({ path: join(OUT, "fail-setup.png") }).catch(() => {});
} finally {
  await cleanup();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
