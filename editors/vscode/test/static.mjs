// Checks of the extension's static contributions without a browser: the
// TextMate grammar, tokenized with VS Code's own vscode-textmate and
// oniguruma (from the code-server install), and the snippets, expanded and
// parsed by the real `dbspec fmt`.
//
// Environment: CODE_SERVER_DIR (node_modules/code-server), DBSPEC.
// Prints "N passed, N failed"; exits 1 on failure.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, "..");
const vscodeModules = join(process.env.CODE_SERVER_DIR, "lib/vscode/node_modules");
const require = createRequire(join(vscodeModules, "noop.js"));
const tm = require("vscode-textmate");
const onig = require("vscode-oniguruma");

let passed = 0;
let failed = 0;
function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err.message}`);
  }
}

// --- the grammar -----------------------------------------------------------

const wasm = readFileSync(join(vscodeModules, "vscode-oniguruma/release/onig.wasm")).buffer;
await onig.loadWASM(wasm);
const registry = new tm.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
  // Raw SQL embeds VS Code's SQL grammar; without it the text stays a string.
  loadGrammar: async (scope) => {
    const file = scope === "source.dbspec"
      ? join(ext, "syntaxes/dbspec.tmLanguage.json")
      : scope === "source.sql" ? join(process.env.CODE_SERVER_DIR, "lib/vscode/extensions/sql/syntaxes/sql.tmLanguage.json") : null;
    return file ? tm.parseRawGrammar(readFileSync(file, "utf8"), file) : null;
  },
});
const grammar = await registry.loadGrammar("source.dbspec");

// scopesOf tokenizes src and returns, for each token text, its scopes.
function tokenize(src) {
  let state = tm.INITIAL;
  const out = [];
  for (const line of src.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

// expectScope asserts that the token with exactly this text (the nth one)
// has a scope starting with want.
function expectScope(tokens, text, want, nth = 0) {
  const matches = tokens.filter((t) => t.text.trim() === text);
  const tok = matches[nth];
  if (!tok) throw new Error(`no token "${text}" in:\n${tokens.map((t) => JSON.stringify(t.text)).join(" ")}`);
  if (!tok.scopes.some((s) => s.startsWith(want))) {
    throw new Error(`"${text}" has scopes ${tok.scopes.join(" ")}, want ${want}`);
  }
}

const sample = `// Tasks.
project saas {
  dialect postgres
  tenancy {
    setting "app.tenant_id"
  }
  rules {
    naming/boolean-prefix error
  }
}

/// Where a task stands.
enum task_status { todo done }

table tasks global {
  id         uuid         pk default(gen_random_uuid())
  tenant_id  uuid         -> tenants.id on delete cascade
  status     task_status  default(todo)
  title      text         check(title <> '')
  estimate   numeric(6,2)? default(0.5)
  labels     text[]
  search     tsvector     default(\`to_tsvector('simple', '')\`)
  legacyName text // dbspec:ignore naming/snake-case the old client reads it

  index (tenant_id, status desc) where done is not null
}`;
const toks = tokenize(sample);

// Each check names tokens of the sample with the scope they must have
// ([text, scope] or [text, scope, nth] for the nth token of that text).
const grammarChecks = {
  "comments and doc comments": [
    ["//", "comment.line.double-slash"],
    ["Tasks.", "comment.line.double-slash"],
    ["/// Where a task stands.", "comment.line.documentation"],
  ],
  "dbspec:ignore directives": [
    ["dbspec:ignore", "keyword.control.directive"],
    ["naming/snake-case", "entity.name.label.rule"],
  ],
  "project settings, strings, rules and severities": [
    ["project", "keyword.other.project"],
    ["dialect", "keyword.other.setting"],
    ["app.tenant_id", "string.quoted.double"],
    ["naming/boolean-prefix", "entity.name.label.rule"],
    ["error", "constant.language.severity"],
  ],
  "declarations": [
    ["enum", "keyword.other.enum"],
    ["task_status", "entity.name.type.enum"],
    ["todo", "variable.other.enummember"],
    ["table", "keyword.other.table"],
    ["tasks", "entity.name.type.table"],
    ["global", "storage.modifier"],
  ],
  "columns, types and attributes": [
    ["tenant_id", "variable.other.member.column"],
    ["uuid", "support.type.builtin"],
    ["task_status", "entity.name.type", 1],
    ["pk", "storage.modifier.attribute"],
    ["default", "storage.modifier.attribute"],
    ["?", "keyword.operator.nullable"],
    ["[]", "storage.modifier.array"],
  ],
  "-> references and actions": [
    ["->", "keyword.operator.reference"],
    ["tenants", "entity.name.type.table"],
    ["cascade", "constant.language.action"],
  ],
  "strings, numbers and raw SQL": [
    ["'", "string.quoted.single"],
    ["0.5", "constant.numeric"],
    ["6", "constant.numeric"],
    ["to_tsvector(", "meta.embedded.inline.sql"],
    ["simple", "string.quoted.single.sql"],
  ],
  "table clauses and expressions": [
    ["index", "keyword.other.clause"],
    ["desc", "keyword.other.index"],
    ["null", "constant.language"],
    ["gen_random_uuid", "entity.name.function"],
  ],
};
for (const [name, expected] of Object.entries(grammarChecks)) {
  check(`grammar: ${name}`, () => {
    for (const [text, scope, nth] of expected) expectScope(toks, text, scope, nth);
  });
}

// --- the snippets ----------------------------------------------------------

// expand takes every placeholder's default (the first choice of a choice).
const expand = (body) =>
  body
    .join("\n")
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1")
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\d+/g, "")
    .replace(/\t/g, "  ");

check("snippets: table, enum and project expand to a schema dbspec parses", () => {
  const snippets = JSON.parse(readFileSync(join(ext, "snippets/dbspec.json"), "utf8"));
  for (const name of ["table", "enum", "project"]) {
    if (snippets[name]?.prefix !== name) throw new Error(`no "${name}" snippet`);
  }
  const dir = mkdtempSync(join(tmpdir(), "dbspec-snippets-"));
  try {
    const table = expand(snippets.table.body).replace("table name", "table tenants");
    writeFileSync(join(dir, "schema.dbspec"), [expand(snippets.project.body), expand(snippets.enum.body), table].join("\n\n") + "\n");
    // fmt exits 2 on syntax errors; check then reports every finding.
    execFileSync(process.env.DBSPEC, ["fmt", dir], { stdio: "pipe" });
    const out = execFileSync(process.env.DBSPEC, ["check", dir], { encoding: "utf8" });
    if (/error:/.test(out)) throw new Error(`dbspec check:\n${out}`);
  } catch (err) {
    throw new Error(err.stderr ? String(err.stderr) + String(err.stdout) : err.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
