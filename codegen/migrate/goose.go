package migrate

import (
	"errors"
	"strings"
)

// The goose annotations dbspec reads and writes.
const (
	gooseUp             = "-- +goose Up"
	gooseDown           = "-- +goose Down"
	gooseNoTransaction  = "-- +goose NO TRANSACTION"
	gooseStatementBegin = "-- +goose StatementBegin"
	gooseStatementEnd   = "-- +goose StatementEnd"
)

// renderGoose writes m as one goose file. Each section is one goose
// statement block, so goose sends it whole, as dbspec does, instead of
// splitting it at semicolons (which would break function bodies).
func renderGoose(m Migration) string {
	var b strings.Builder
	if m.NoTransaction {
		b.WriteString(gooseNoTransaction + "\n")
	}
	b.WriteString(gooseUp + "\n" + gooseStatementBegin + "\n" + withNewline(m.Up) + gooseStatementEnd + "\n\n")
	b.WriteString(gooseDown + "\n" + gooseStatementBegin + "\n" + withNewline(m.Down) + gooseStatementEnd + "\n")
	return b.String()
}

// gooseSection is the text of one section of a goose file.
type gooseSection struct {
	all, blocks strings.Builder // every line; the lines inside statement blocks
	hasBlock    bool
	line        int // the first line of the section's text
	blockLine   int // the first line of its first statement block
}

func (s *gooseSection) text() string {
	if s.hasBlock {
		return s.blocks.String()
	}
	return s.all.String()
}

func (s *gooseSection) start() int {
	if s.hasBlock {
		return s.blockLine
	}
	return s.line
}

// parseGoose reads a goose file: the Up and Down sections (the contents of
// their statement blocks when they have some), NO TRANSACTION, and the lines
// at which Up and Down start. Lines before the Up annotation are ignored.
func parseGoose(src string) (m Migration, upLine, downLine int, err error) {
	var up, down gooseSection
	var cur *gooseSection
	inBlock := false
	for i, line := range strings.SplitAfter(src, "\n") {
		switch annotation(line) {
		case "up":
			cur, inBlock = &up, false
			up.line = i + 1
		case "down":
			cur, inBlock = &down, false
			down.line = i + 1
		case "no transaction":
			m.NoTransaction = true
		case "statementbegin":
			if cur != nil && !cur.hasBlock {
				cur.hasBlock, cur.blockLine = true, i+1
			}
			inBlock = true
		case "statementend":
			inBlock = false
		case "":
			if cur == nil {
				continue
			}
			cur.all.WriteString(line)
			if inBlock {
				cur.blocks.WriteString(line)
			}
		}
	}
	if up.line == 0 {
		return m, 0, 0, errors.New("no " + gooseUp + " annotation")
	}
	m.Up, m.Down = up.text(), down.text()
	return m, up.start(), down.start(), nil
}

// annotation returns the lowercased goose annotation of a line ("up",
// "statementbegin", ...), "other" for an annotation dbspec ignores (such
// as ENVSUB), or "" for any other line.
func annotation(line string) string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "--")
	if !ok {
		return ""
	}
	rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "+goose")
	if !ok {
		return ""
	}
	switch a := strings.ToLower(strings.Join(strings.Fields(rest), " ")); a {
	case "up", "down", "no transaction", "statementbegin", "statementend":
		return a
	}
	return "other"
}

// withNewline ends non-empty SQL with a newline.
func withNewline(sql string) string {
	if sql != "" && !strings.HasSuffix(sql, "\n") {
		return sql + "\n"
	}
	return sql
}
