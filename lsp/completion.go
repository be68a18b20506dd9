package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

type completionItem struct {
	Label            string `json:"label"`
	Kind             int    `json:"kind"`
	Detail           string `json:"detail,omitempty"`
	InsertText       string `json:"insertText,omitempty"`
	InsertTextFormat int    `json:"insertTextFormat,omitempty"` // 2: a snippet
}

// LSP completion item kinds.
const (
	itemField      = 5
	itemClass      = 7
	itemValue      = 12
	itemKeyword    = 14
	itemSnippet    = 15
	itemEnumMember = 20
	itemTypeParam  = 25
)

// The contexts of completion, read from the text before the cursor on its line.
var (
	afterIgnore   = regexp.MustCompile(`dbspec:ignore\s+\S*$`)
	afterTableDot = regexp.MustCompile(`->\s*([A-Za-z_]\w*)\.\w*$`)
	afterArrow    = regexp.MustCompile(`->\s*\w*$`)
	inDefault     = regexp.MustCompile(`default\(\s*\w*$`)
	inList        = regexp.MustCompile(`\b(pk|unique|index(\s+\w+)?|fk|include)\s*\([^)]*$`)
	typeSlot      = regexp.MustCompile(`^\s+[A-Za-z_]\w*\s+\w*$`)
	attributeSlot = regexp.MustCompile(`^\s+[A-Za-z_]\w*\s+[A-Za-z_]\w*(\([\d,\s]*\))?(\[\])*\??\s+(\S.*\s+)?\w*$`)
	ruleSlot      = regexp.MustCompile(`^\s*[\w/*-]*$`)
)

// completion offers, by context: rule names after dbspec:ignore and in a
// rules block, columns after table. and inside ( ) lists, table names after
// ->, enum members in default(...), column types after a column name,
// attributes after the type, and declaration snippets at the top level.
func (s *Server) completion(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		TextDocument documentID `json:"textDocument"`
		Position     position   `json:"position"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	// The text is the buffer's present one; the schema may be the snapshot
	// before the last keystrokes, which is good enough for names.
	path := pathOf(p.TextDocument.URI)
	s.mu.Lock()
	doc := s.docs[path]
	var snap *Snapshot
	if sc := s.schemas[filepath.Dir(path)]; sc != nil {
		snap = sc.latest
	}
	var text string
	if doc != nil {
		text = doc.text
	}
	utf8 := s.utf8
	s.mu.Unlock()
	if doc == nil || snap == nil {
		return []completionItem{}, nil
	}
	off := lang.Offset(text, p.Position.Line, p.Position.Character, !utf8)
	prefix := text[strings.LastIndexByte(text[:off], '\n')+1 : off]
	sch := snap.Schema
	table := sch.Table(enclosingTable(text[:off]))
	var items []completionItem
	switch {
	case afterIgnore.MatchString(prefix), inRulesBlock(text[:off]) && ruleSlot.MatchString(prefix):
		for _, r := range analysis.All() {
			items = append(items, completionItem{Label: r.Name, Kind: itemValue, Detail: r.Summary})
		}
	case afterTableDot.MatchString(prefix):
		if t := sch.Table(afterTableDot.FindStringSubmatch(prefix)[1]); t != nil {
			items = columnItems(t)
			if t == table {
				// The column being written does not reference itself. The
				// snapshot may or may not have it yet: leave it out either way.
				items = slices.DeleteFunc(items, func(it completionItem) bool { return it.Label == strings.Fields(prefix)[0] })
			}
		}
	case afterArrow.MatchString(prefix):
		for _, t := range sch.Tables {
			items = append(items, completionItem{Label: t.Name, Kind: itemClass, Detail: "table"})
		}
	case table != nil && inDefault.MatchString(prefix):
		// The line is incomplete while typing: read the type from it.
		if e := sch.Enum(typeWord(prefix)); e != nil {
			for _, v := range e.Values {
				items = append(items, completionItem{Label: v.Name, Kind: itemEnumMember, Detail: e.Name})
			}
		}
	case table != nil && inList.MatchString(prefix):
		items = columnItems(table)
	case table != nil && typeSlot.MatchString(prefix):
		names := model.BuiltinTypes()
		slices.Sort(names)
		for _, n := range names {
			items = append(items, completionItem{Label: n, Kind: itemTypeParam, Detail: "type"})
		}
		for _, e := range sch.Enums {
			items = append(items, completionItem{Label: e.Name, Kind: itemTypeParam, Detail: "enum"})
		}
	case table != nil && attributeSlot.MatchString(prefix):
		for _, a := range attributes {
			items = append(items, completionItem{Label: a[0], Kind: itemKeyword, InsertText: a[1], InsertTextFormat: 2})
		}
	case enclosingTable(text[:off]) == "" && strings.TrimSpace(prefix) == prefix:
		items = snippets(sch)
	}
	if items == nil {
		items = []completionItem{}
	}
	return items, nil
}

// tableHeader is a table header line.
var tableHeader = regexp.MustCompile(`^table\s+([A-Za-z_]\w*)[^\n]*\{`)

// enclosingTable returns the name of the table whose body the text before
// the cursor ends in, or "": the table of the nearest unindented table
// header above, unless an unindented "}" comes first. It reads back from
// the cursor only as far as that line.
func enclosingTable(before string) string {
	for end := len(before); end >= 0; {
		start := strings.LastIndexByte(before[:end], '\n') + 1
		line := before[start:end]
		if strings.HasPrefix(line, "}") {
			return ""
		}
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			return m[1]
		}
		end = start - 1
	}
	return ""
}

// inRulesBlock reports whether the text before the cursor ends inside a
// rules { } block: its last brace opens one.
func inRulesBlock(before string) bool {
	i := strings.LastIndexAny(before, "{}")
	if i < 0 || before[i] == '}' {
		return false
	}
	head := strings.TrimRight(before[:i], " \t")
	word := head[strings.LastIndexFunc(head, func(r rune) bool { return r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) })+1:]
	return word == "rules"
}

// typeWord is the type name of a column line: its second word, without
// array brackets or the nullable mark.
func typeWord(line string) string {
	f := strings.Fields(line)
	if len(f) < 2 {
		return ""
	}
	return strings.TrimRight(f[1], "[]?")
}

// attributes are the column attributes as label and snippet.
var attributes = [][2]string{
	{"pk", "pk"}, {"unique", "unique"}, {"pii", "pii"}, {"default", "default($1)"},
	{"check", "check($1)"}, {"->", "-> ${1:table}.${2:id} on delete ${3:cascade}"},
	{"renamed_from", "renamed_from $1"},
}

// snippets are the top-level declarations; the table snippet carries the
// standard fields, and the tenant column when the project has tenancy.
func snippets(s *model.Schema) []completionItem {
	body := "  id         uuid        pk default(gen_random_uuid())\n"
	if s.Project != nil && s.Project.Tenancy != nil && s.Project.Tenancy.Column != "" {
		tn := s.Project.Tenancy
		body += "  " + tn.Column + " uuid -> " + tn.Root + ".id on delete cascade\n"
	}
	body += "  $0\n  created_at timestamptz default(now())\n  updated_at timestamptz default(now())\n"
	if s.Project != nil && s.Project.Tenancy != nil && s.Project.Tenancy.Column != "" {
		body += "\n  index (" + s.Project.Tenancy.Column + ")\n"
	}
	return []completionItem{
		{Label: "table", Kind: itemSnippet, Detail: "a table with the standard fields", InsertText: "/// ${2:What a row is.}\ntable ${1:name} {\n" + body + "}", InsertTextFormat: 2},
		{Label: "enum", Kind: itemSnippet, Detail: "an enum", InsertText: "enum ${1:status} { ${2:first second} }", InsertTextFormat: 2},
		{Label: "project", Kind: itemSnippet, Detail: "the project block", InsertText: "project ${1:name} {\n  dialect postgres\n  $0\n}", InsertTextFormat: 2},
	}
}

func columnItems(t *model.Table) []completionItem {
	items := []completionItem{}
	for _, c := range t.Columns {
		items = append(items, completionItem{Label: c.Name, Kind: itemField, Detail: c.Type.String()})
	}
	return items
}
