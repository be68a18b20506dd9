package lang

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// File is one parsed .dbspec file. Its declarations are parsed independently
// and may be shared with earlier versions of the file (see Parser).
type File struct {
	Path   string
	Src    string
	Lines  *Lines
	Decls  []Decl
	Errors []Error // syntax errors, with spans relative to the file
}

// Decl is one top-level chunk of a file at its offset in that file.
type Decl struct {
	Offset int // byte offset of the chunk in the file
	*Chunk
}

// Abs converts a span relative to the chunk to one relative to the file.
func (d Decl) Abs(s Span) Span { return Span{s.Start + d.Offset, s.End + d.Offset} }

// Chunk is a parsed top-level declaration (or a run of free-standing
// comments). Offsets inside are relative to the start of Text. Chunks are
// immutable once parsed and shared between versions of a file, but never
// between two places in one version.
type Chunk struct {
	Text     string
	Table    *Table
	Enum     *Enum
	Project  *Project
	Comments []Comment
	Errors   []Error
	// Suppressions are the // dbspec:ignore comments with what they silence.
	Suppressions []Suppression
	// Open and Close are the offsets of the declaration's braces; Close is
	// -1 when the closing brace is missing.
	Open, Close int
}

// Table is a parsed table declaration.
type Table struct {
	Header *TableHeader
	Doc    string
	Lines  []*BodyLine
}

// BodyLine is one line of a table body; Element is nil when it did not parse.
type BodyLine struct {
	Span    Span
	Doc     string
	Element *Element
	// Column is the name of a line that did not parse but starts like a
	// column, so that references to the column still resolve.
	Column *Ident
}

// Enum is a parsed enum declaration.
type Enum struct {
	Header *EnumHeader
	Doc    string
	Values []*EnumValue
}

// EnumValue is one enum member with its doc comment.
type EnumValue struct {
	*Ident
	Doc string
}

// Project is a parsed project block.
type Project struct {
	Header   *ProjectHeader
	Doc      string
	Settings []*Setting
}

// Comment is a line comment. Doc comments start with ///.
type Comment struct {
	Span Span
	Text string
	Doc  bool
}

// Suppression is a `// dbspec:ignore RULE reason` comment. On its own line
// it silences RULE in the declaration or block line below it; at the end of
// a line, in that line's declaration or block line.
type Suppression struct {
	Span   Span   // the comment
	Rule   string // a rule name or category/* glob; "" when missing
	Reason string // "" when missing
	Target Span   // what it silences
}

// Error is a syntax or resolution error at a span.
type Error struct {
	Span Span
	Msg  string
}

var (
	opts           = []participle.Option{participle.Lexer(definition{}), participle.UseLookahead(4)}
	columnParser   = participle.MustBuild[Column](opts...)
	listParser     = participle.MustBuild[ColumnList](opts...)
	uniqueParser   = participle.MustBuild[UniqueClause](opts...)
	indexParser    = participle.MustBuild[IndexClause](opts...)
	fkParser       = participle.MustBuild[FKClause](opts...)
	checkParser    = participle.MustBuild[CheckClause](opts...)
	enumLineParser = participle.MustBuild[EnumLine](opts...)
	settingParser  = participle.MustBuild[Setting](opts...)
	tableParser    = participle.MustBuild[TableHeader](opts...)
	enumParser     = participle.MustBuild[EnumHeader](opts...)
	projectParser  = participle.MustBuild[ProjectHeader](opts...)
)

// Parser parses files and remembers the last version of each file, so that
// re-parsing an edited file splits it again only around the edit and parses
// only the declarations whose text changed. It is safe for concurrent use.
type Parser struct {
	mu    sync.Mutex
	last  map[string]*File // path -> last version
	lines *lineCache       // see linecache.go
}

// NewParser returns a Parser with empty caches.
func NewParser() *Parser {
	return &Parser{last: map[string]*File{}, lines: newLineCache()}
}

// Parse parses one file, never failing: syntax errors are in File.Errors.
func Parse(path, src string) *File { return NewParser().Parse(path, src) }

// Parse parses src as the file at path, reusing the chunks of the previous
// version of that path outside the edit, and those in it whose text is
// unchanged. Each chunk has one place in the file: the Decls of a File never
// share a *Chunk. Cold parses run on all CPUs. The Parser keeps the File, so
// its Decls must not be modified.
func (p *Parser) Parse(path, src string) *File {
	p.mu.Lock()
	prev := p.last[path]
	p.mu.Unlock()
	if prev == nil {
		prev = &File{}
	}
	pre := commonPrefix(prev.Src, src)
	suf := commonSuffix(prev.Src[pre:], src[pre:])
	i, j, mid := resplit(prev.Src, prev.Decls, src, pre, suf)
	delta := len(src) - len(prev.Src)
	f := &File{Path: path, Src: src, Lines: relines(prev.Lines, src, pre, suf), Decls: make([]Decl, i, i+len(mid)+len(prev.Decls)-j)}
	copy(f.Decls, prev.Decls[:i])
	// The chunks replaced are reused for equal text, each once.
	free := make(map[string][]*Chunk, j-i)
	for _, d := range prev.Decls[i:j] {
		free[d.Text] = append(free[d.Text], d.Chunk)
	}
	var todo []job
	for _, s := range mid {
		text := src[s.Start:s.End]
		d := Decl{Offset: s.Start}
		if cs := free[text]; len(cs) > 0 {
			d.Chunk, free[text] = cs[0], cs[1:]
		} else {
			todo = append(todo, job{len(f.Decls), text})
		}
		f.Decls = append(f.Decls, d)
	}
	for _, d := range prev.Decls[j:] {
		f.Decls = append(f.Decls, Decl{d.Offset + delta, d.Chunk})
	}
	parseAll(f.Decls, todo, p.lines)
	for _, d := range f.Decls {
		for _, e := range d.Errors {
			f.Errors = append(f.Errors, Error{d.Abs(e.Span), e.Msg})
		}
	}
	p.mu.Lock()
	p.last[path] = f
	p.mu.Unlock()
	return f
}

// relines indexes the line starts of src, which is the text of old with
// the bytes between its first pre and last suf replaced, from those of old.
func relines(old *Lines, src string, pre, suf int) *Lines {
	if old == nil {
		return NewLines(src)
	}
	end, oldEnd := len(src)-suf, len(old.src)-suf
	head := sort.SearchInts(old.start, pre+1)    // lines after a line break before pre
	tail := sort.SearchInts(old.start, oldEnd+1) // lines after a line break in the suffix
	mid := NewLines(src[pre:end]).start[1:]
	start := make([]int, 0, head+len(mid)+len(old.start)-tail)
	start = append(start, old.start[:head]...)
	for _, s := range mid {
		start = append(start, s+pre)
	}
	for _, s := range old.start[tail:] {
		start = append(start, s+end-oldEnd)
	}
	return &Lines{src: src, start: start}
}

// Forget drops the cached version of path.
func (p *Parser) Forget(path string) {
	p.mu.Lock()
	delete(p.last, path)
	p.mu.Unlock()
}

// job is a chunk to parse: the text of decls[at].
type job struct {
	at   int
	text string
}

// parseAll parses the chunks of todo into decls, in parallel when there are many.
func parseAll(decls []Decl, todo []job, lines *lineCache) {
	parse := func(j job) { decls[j.at].Chunk = parseChunk(j.text, lines) }
	workers := min(runtime.GOMAXPROCS(0), len(todo)/8)
	if workers <= 1 {
		for _, j := range todo {
			parse(j)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan job, len(todo))
	for _, j := range todo {
		next <- j
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				parse(j)
			}
		}()
	}
	wg.Wait()
}

// ParseChunk parses the text of one top-level chunk.
func ParseChunk(text string) *Chunk { return parseChunk(text, newLineCache()) }

func parseChunk(text string, lines *lineCache) *Chunk {
	c := &Chunk{Text: text}
	cp := chunkParser{c: c, toks: Lex(text), lineEnds: map[int]int{}, cache: lines}
	cp.run()
	cp.suppressions()
	return c
}

type chunkParser struct {
	c        *Chunk
	toks     []Token     // every token, comments and newlines included
	lineEnds map[int]int // start offset of each block line -> its end
	cache    *lineCache  // parsed lines, see linecache.go
}

func (p *chunkParser) errorf(s Span, format string, args ...any) {
	p.c.Errors = append(p.c.Errors, Error{s, fmt.Sprintf(format, args...)})
}

func tokSpan(t Token) Span { return Span{t.Pos.Offset, t.Pos.Offset + len(t.Value)} }

func isCode(t Token) bool {
	return t.Type != TokComment && t.Type != TokDocComment && t.Type != TokNewline
}

func (p *chunkParser) run() {
	first := -1
	for i, t := range p.toks {
		switch t.Type {
		case TokComment, TokDocComment:
			p.c.Comments = append(p.c.Comments, Comment{Span: tokSpan(t), Text: t.Value, Doc: t.Type == TokDocComment})
		case TokInvalid:
			p.errorf(tokSpan(t), "%s", invalidMessage(t.Value))
		}
		if first < 0 && isCode(t) && t.Type != TokEOF {
			first = i
		}
	}
	if first < 0 {
		return // only comments
	}
	kw := p.toks[first]
	if kw.Type != TokIdent || (kw.Value != "table" && kw.Value != "enum" && kw.Value != "project") {
		p.errorf(tokSpan(kw), "expected a declaration (table, enum or project), found %s", describe(kw))
		return
	}
	open := p.find(first, "{")
	if open < 0 {
		end := p.lineEndIndex(first)
		p.errorf(tokSpan(p.toks[first]), `expected "{" after the %s header`, kw.Value)
		open = end // treat the rest of the line as the header, and the rest of the chunk as the body
	}
	header := p.code(first, open)
	close := p.matching(open)
	bodyEnd := close
	if close < 0 {
		bodyEnd = len(p.toks) - 1
		if open < len(p.toks) && p.toks[open].Value == "{" {
			p.errorf(tokSpan(p.toks[open]), `missing "}" to close %s %s`, kw.Value, headerName(header))
		}
	} else if rest := p.code(close+1, len(p.toks)); len(rest) > 0 {
		p.errorf(Span{rest[0].Pos.Offset, tokSpan(rest[len(rest)-1]).End}, "unexpected %s after the end of %s %s", describe(rest[0]), kw.Value, headerName(header))
	}
	term := p.toks[min(open, len(p.toks)-1)]
	p.c.Open, p.c.Close = term.Pos.Offset, -1
	if close >= 0 {
		p.c.Close = p.toks[close].Pos.Offset
	}
	doc := p.doc(first)
	lines := p.lines(open+1, bodyEnd)
	switch kw.Value {
	case "table":
		h := parseLine(p, tableParser, header, 0, term, "header")
		if h == nil {
			h = &TableHeader{Name: recoverName(header)}
		}
		t := &Table{Header: h, Doc: doc}
		for _, l := range lines {
			code := p.code(l[0], l[1])
			bl := &BodyLine{Span: codeSpan(code), Doc: p.doc(l[0])}
			bl.Element, bl.Column = p.element(code, p.toks[l[1]])
			t.Lines = append(t.Lines, bl)
		}
		if h.Name != nil {
			p.c.Table = t
		}
	case "enum":
		h := parseLine(p, enumParser, header, 0, term, "header")
		if h == nil {
			h = &EnumHeader{Name: recoverName(header)}
		}
		e := &Enum{Header: h, Doc: doc}
		for _, l := range lines {
			if el := parseLine(p, enumLineParser, p.code(l[0], l[1]), 0, p.toks[l[1]], "enum"); el != nil {
				for i, v := range el.Values {
					ev := &EnumValue{Ident: v}
					if i == 0 {
						ev.Doc = p.doc(l[0])
					}
					e.Values = append(e.Values, ev)
				}
			}
		}
		if h.Name != nil {
			p.c.Enum = e
		}
	case "project":
		h := parseLine(p, projectParser, header, 0, term, "header")
		if h == nil {
			h = &ProjectHeader{Name: recoverName(header)}
		}
		p.c.Project = &Project{Header: h, Doc: doc, Settings: p.settings(lines)}
	}
}

// parseElement parses one line of a table body, choosing the production by
// its first tokens (see Element).
func (p *chunkParser) parseElement(code []Token, term Token) *Element {
	clause := ""
	if len(code) >= 2 {
		switch kw, next := code[0].Value, code[1]; kw {
		case "pk", "unique", "fk", "check":
			if next.Value == "(" {
				clause = kw
			}
		case "index":
			// index NAME (...) is an index; index TYPE [attrs] a column named index.
			if next.Value == "(" || next.Type == TokIdent && len(code) > 2 && (code[2].Value == "(" || code[2].Type == TokIdent && !isAttribute(code[2].Value)) {
				clause = kw
			}
		}
	}
	switch clause {
	case "pk":
		if l := parseLine(p, listParser, code, 1, term, "element"); l != nil {
			return &Element{PK: l}
		}
	case "unique":
		if u := parseLine(p, uniqueParser, code, 1, term, "element"); u != nil {
			return &Element{Unique: u}
		}
	case "index":
		if ix := parseLine(p, indexParser, code, 1, term, "element"); ix != nil {
			return &Element{Index: ix}
		}
	case "fk":
		if fk := parseLine(p, fkParser, code, 1, term, "element"); fk != nil {
			return &Element{FK: fk}
		}
	case "check":
		if c := parseLine(p, checkParser, code, 1, term, "element"); c != nil {
			return &Element{Check: c.Expr}
		}
	default:
		if c := parseLine(p, columnParser, code, 0, term, "element"); c != nil {
			return &Element{Column: c}
		}
	}
	return nil
}

func isAttribute(word string) bool {
	switch word {
	case "pk", "unique", "pii", "default", "check", "renamed_from":
		return true
	}
	return false
}

// settings parses the lines of a project block or of one of its nested blocks.
func (p *chunkParser) settings(lines [][2]int) []*Setting {
	out := []*Setting{} // not nil: an empty block is still a block
	for _, l := range lines {
		open := p.find(l[0], "{")
		if open < 0 || open >= l[1] {
			if s := parseLine(p, settingParser, p.code(l[0], l[1]), 0, p.toks[l[1]], "setting"); s != nil {
				out = append(out, s)
			}
			continue
		}
		s := parseLine(p, settingParser, p.code(l[0], open), 0, p.toks[open], "setting")
		close := p.matching(open)
		end := close
		if close < 0 || close > l[1] {
			p.errorf(tokSpan(p.toks[open]), `missing "}" to close this block`)
			end = l[1]
		} else if rest := p.code(close+1, l[1]); len(rest) > 0 {
			p.errorf(tokSpan(rest[0]), "unexpected %s after the end of the block", describe(rest[0]))
		}
		if s != nil {
			s.Open, s.Close = p.toks[open].Pos.Offset, p.toks[end].Pos.Offset
			s.Body = p.settings(p.lines(open+1, end))
			out = append(out, s)
		}
	}
	return out
}

// find returns the index of the first punctuation token v at or after i, or -1.
func (p *chunkParser) find(i int, v string) int {
	for ; i < len(p.toks); i++ {
		if p.toks[i].Type == TokPunct && p.toks[i].Value == v {
			return i
		}
	}
	return -1
}

// matching returns the index of the brace closing the one at open, or -1.
func (p *chunkParser) matching(open int) int {
	if open >= len(p.toks) || p.toks[open].Value != "{" {
		return -1
	}
	depth := 0
	for i := open; i < len(p.toks); i++ {
		if p.toks[i].Type != TokPunct {
			continue
		}
		switch p.toks[i].Value {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func (p *chunkParser) lineEndIndex(i int) int {
	for ; i < len(p.toks) && p.toks[i].Type != TokNewline && p.toks[i].Type != TokEOF; i++ {
	}
	return i
}

// code returns the code tokens of toks[i:j], without comments and newlines.
func (p *chunkParser) code(i, j int) []Token {
	j = min(j, len(p.toks))
	if j <= i {
		return nil
	}
	out := make([]Token, 0, j-i)
	for _, t := range p.toks[i:j] {
		if isCode(t) && t.Type != TokEOF {
			out = append(out, t)
		}
	}
	return out
}

// lines splits toks[i:j] into lines at newlines outside brackets and nested
// braces. Each line is [first, terminator) token indexes; empty lines are dropped.
func (p *chunkParser) lines(i, j int) [][2]int {
	var out [][2]int
	start, depth, braces := i, 0, 0
	flush := func(k int) {
		for n := start; n < k; n++ {
			if isCode(p.toks[n]) {
				out = append(out, [2]int{start, k})
				break
			}
		}
		start = k + 1
	}
	indent := indentAfter(p.toks, i)
	for k := i; k < j; k++ {
		t := p.toks[k]
		switch {
		case t.Type == TokPunct && (t.Value == "(" || t.Value == "["):
			depth++
		case t.Type == TokPunct && (t.Value == ")" || t.Value == "]"):
			depth = max(0, depth-1)
		case t.Type == TokPunct && t.Value == "{":
			braces++
		case t.Type == TokPunct && t.Value == "}":
			braces = max(0, braces-1)
		case t.Type == TokNewline && braces == 0 && (depth == 0 || p.newElement(k, indent)):
			flush(k)
			depth, indent = 0, indentAfter(p.toks, k+1)
		}
	}
	flush(j)
	// Move each line's start past leading comments, so it starts at code.
	for n := range out {
		for out[n][0] < out[n][1] && !isCode(p.toks[out[n][0]]) {
			out[n][0]++
		}
		sp := p.codeSpan(out[n][0], out[n][1])
		p.lineEnds[sp.Start] = sp.End
	}
	return out
}

// newElement reports whether the line after the newline at k starts a new
// element although a bracket is still open: it is indented no deeper than
// the element's first line and does not start with a closing bracket. The
// unclosed bracket is then reported instead of swallowing the whole block.
func (p *chunkParser) newElement(k, indent int) bool {
	next := p.toks[min(k+1, len(p.toks)-1)]
	return indentAfter(p.toks, k+1) <= indent && next.Value != ")" && next.Value != "]"
}

// suppressions finds the dbspec:ignore comments and their targets: the
// element the comment ends (a trailing comment) or the one that follows it.
func (p *chunkParser) suppressions() {
	chunkEnd := len(strings.TrimRight(p.c.Text, " \t\r\n"))
	for i, t := range p.toks {
		if t.Type != TokComment || !IsSuppression(t.Value) {
			continue
		}
		words := strings.Fields(strings.TrimPrefix(strings.TrimSpace(t.Value[2:]), "dbspec:ignore"))
		sup := Suppression{Span: tokSpan(t)}
		if len(words) > 0 {
			sup.Rule, sup.Reason = words[0], strings.Join(words[1:], " ")
		}
		// The element's first token: the first code token of this line for a
		// trailing comment, else the next code token.
		k := i - 1
		for k >= 0 && p.toks[k].Type != TokNewline {
			k--
		}
		k++
		if k == i {
			for k = i + 1; k < len(p.toks) && !isCode(p.toks[k]); k++ {
			}
		}
		if k >= len(p.toks) || p.toks[k].Type == TokEOF {
			sup.Target = Span{t.Pos.Offset, t.Pos.Offset}
		} else if start := p.toks[k].Pos.Offset; p.lineEnds[start] > 0 {
			sup.Target = Span{start, p.lineEnds[start]}
		} else {
			sup.Target = Span{start, chunkEnd}
		}
		p.c.Suppressions = append(p.c.Suppressions, sup)
	}
}

// indentAfter is the indentation of the line that token k starts, when the
// token before it is a line break; otherwise a large number.
func indentAfter(toks []Token, k int) int {
	if k == 0 || k >= len(toks) || toks[k-1].Type != TokNewline {
		return 1 << 30
	}
	nl := toks[k-1].Value
	return len(nl) - strings.LastIndexByte(nl, '\n') - 1
}

// doc returns the /// comment lines directly above the token at index i.
func (p *chunkParser) doc(i int) string {
	var lines []string
	for k := i - 1; k >= 1; k -= 2 {
		nl, d := p.toks[k], p.toks[k-1]
		if nl.Type != TokNewline || strings.Count(nl.Value, "\n") != 1 || d.Type != TokDocComment && !IsSuppression(d.Value) {
			break
		}
		if k >= 2 && p.toks[k-2].Type != TokNewline { // a trailing comment documents nothing
			break
		}
		if d.Type == TokDocComment {
			lines = append(lines, docText(d.Value))
		}
	}
	for l, r := 0, len(lines)-1; l < r; l, r = l+1, r-1 {
		lines[l], lines[r] = lines[r], lines[l]
	}
	return strings.Join(lines, "\n")
}

// IsSuppression reports whether a comment is a // dbspec:ignore directive.
// Such a line may stand between a doc comment and what it documents.
func IsSuppression(comment string) bool {
	return strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(comment, "//")), "dbspec:ignore")
}

func docText(c string) string {
	c = strings.TrimPrefix(c, "///")
	return strings.TrimPrefix(c, " ")
}

// codeSpan is the span of the code tokens of toks[i:j], like
// codeSpan(p.code(i, j)) without copying them.
func (p *chunkParser) codeSpan(i, j int) Span {
	j = min(j, len(p.toks))
	first, last := -1, -1
	for k := i; k < j; k++ {
		if t := p.toks[k]; isCode(t) && t.Type != TokEOF {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return Span{}
	}
	return Span{p.toks[first].Pos.Offset, tokSpan(p.toks[last]).End}
}

func codeSpan(toks []Token) Span {
	if len(toks) == 0 {
		return Span{}
	}
	return Span{toks[0].Pos.Offset, tokSpan(toks[len(toks)-1]).End}
}

// columnName returns the name of a broken line that starts like a column:
// a name that is not a clause keyword, or one followed by a type-like word.
func columnName(code []Token) *Ident {
	if len(code) == 0 || code[0].Type != TokIdent {
		return nil
	}
	switch code[0].Value {
	case "pk", "unique", "index", "fk", "check":
		if len(code) < 2 || code[1].Type != TokIdent || len(code) > 2 && code[2].Value == "(" {
			return nil
		}
	}
	id := identOf(code[0])
	return &id
}

// recoverName takes the name of a declaration whose header did not parse, so
// that references to it do not cascade into unknown-name errors.
func recoverName(header []Token) *Ident {
	if len(header) >= 2 && header[1].Type == TokIdent {
		id := identOf(header[1])
		return &id
	}
	return nil
}

func headerName(header []Token) string {
	if len(header) >= 2 && header[1].Type == TokIdent {
		return fmt.Sprintf("%q", header[1].Value)
	}
	return ""
}

// parseLine parses the code tokens of one line, after the first skip (a
// keyword the caller has matched), with parser; term is the token that ended
// the line. On failure it records a readable error and returns nil.
func parseLine[G any](p *chunkParser, parser *participle.Parser[G], toks []Token, skip int, term Token, kind string) *G {
	for _, t := range toks {
		if t.Type == TokInvalid {
			return nil // already reported by the lexer
		}
	}
	lex, _ := lexer.Upgrade(&sliceLexer{toks: lineTokens(toks[skip:], term)})
	g, err := parser.ParseFromLexer(lex)
	if err == nil {
		return g
	}
	at := len(toks)
	var perr participle.Error
	if errors.As(err, &perr) {
		for i, t := range toks {
			if t.Pos.Offset >= perr.Position().Offset {
				at = i
				break
			}
		}
	}
	if at < len(toks) && isOperator(toks[at].Value) && at > 0 && !isOperator(toks[at-1].Value) {
		at++ // participle backtracked over a dangling operator: blame what follows it
	}
	found, span := describe(term), tokSpan(term)
	if at < len(toks) {
		found, span = describe(toks[at]), tokSpan(toks[at])
	} else if term.Type == TokNewline || term.Type == TokEOF {
		span = Span{term.Pos.Offset, term.Pos.Offset}
	}
	if at == 0 {
		p.errorf(span, "unexpected %s", found)
		return nil
	}
	p.errorf(span, "expected %s after %s, found %s", expectation(kind, toks, at), describe(toks[at-1]), found)
	return nil
}

// lineTokens copies the tokens of a line for participle, ending them with an
// EOF token at the line's terminator, and records in each token's Pos.Line
// the end offset of the token before it (see Node).
func lineTokens(toks []Token, term Token) []Token {
	out := make([]Token, len(toks)+1)
	end := 0
	if len(toks) > 0 {
		end = toks[0].Pos.Offset
	}
	for i, t := range toks {
		t.Pos.Line = end
		out[i] = t
		end = t.Pos.Offset + len(t.Value)
	}
	out[len(toks)] = Token{Type: TokEOF, Pos: lexer.Position{Offset: term.Pos.Offset, Line: end}}
	return out
}

// expectation says, for an error at toks[at], what the grammar wanted there.
func expectation(kind string, toks []Token, at int) string {
	prev := toks[at-1].Value
	if at >= 2 && toks[at-2].Value == "->" {
		if kind == "element" && toks[0].Value == "fk" {
			return "the referenced columns in parentheses"
		}
		return `"." and the referenced column (table.column)`
	}
	switch prev {
	case "->":
		if kind == "element" && toks[0].Value == "fk" {
			return "the referenced table"
		}
		return "the referenced table and column (table.column)"
	case ".":
		return "a column name"
	case "on":
		return `"delete" or "update"`
	case "delete", "update":
		return "an action (cascade, restrict, set null, set default or no action)"
	case "set":
		return `"null" or "default"`
	case "no":
		return `"action"`
	case "::":
		return "a type"
	case "renamed_from":
		return "the previous name"
	case "default", "check", "include", "fk", "pk", "unique":
		return `"("`
	case "using":
		return "an index method (btree, hash, gin, gist or brin)"
	case "index":
		if at == 1 {
			return "an index name or a column list"
		}
	}
	if kind == "element" && toks[0].Value == "index" && at == 2 {
		return "the indexed columns in parentheses"
	}
	switch prev {
	case "where", "not":
		return "an expression"
	}
	if isOperator(prev) {
		return "an expression"
	}
	if open := unclosedParen(toks[:at]); open >= 0 {
		if open > 0 && isListOwner(toks, open) {
			if prev == "(" || prev == "," {
				return "a column name"
			}
			return `"," or ")"`
		}
		if prev == "(" || prev == "," {
			return "an expression"
		}
		return `an operator, "," or ")"`
	}
	switch kind {
	case "header":
		if at == 1 {
			return "a name"
		}
		if toks[0].Value == "table" {
			return `"global", "renamed_from" or "{"`
		}
		return `"{"`
	case "element":
		if at == 1 {
			return "a column type"
		}
		switch toks[0].Value {
		case "pk", "unique", "index", "fk", "check":
			if at <= 2 || toks[1].Value == "(" {
				return "the rest of the " + toks[0].Value + " clause"
			}
		}
		return "a column attribute (pk, unique, pii, default(...), check(...), -> table.column or renamed_from)"
	case "enum":
		return "an enum value name"
	case "setting":
		return "a value"
	}
	return "something else"
}

func isOperator(v string) bool {
	switch v {
	case "and", "or", "=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "||", "like", "ilike", "in":
		return true
	}
	return false
}

// isListOwner reports whether the parenthesis at toks[open] opens a column
// list (after pk, unique, index, include, fk or an fk's target table) rather
// than an expression.
func isListOwner(toks []Token, open int) bool {
	switch toks[open-1].Value {
	case "pk", "unique", "include", "fk":
		return true
	}
	if open >= 2 && (toks[open-2].Value == "->" || toks[open-2].Value == "index") {
		return true
	}
	return toks[open-1].Value == "index"
}

func unclosedParen(toks []Token) int {
	depth, last := 0, []int{}
	for i, t := range toks {
		switch t.Value {
		case "(":
			depth++
			last = append(last, i)
		case ")":
			if depth > 0 {
				depth--
				last = last[:len(last)-1]
			}
		}
	}
	if depth == 0 {
		return -1
	}
	return last[len(last)-1]
}

func invalidMessage(v string) string {
	switch v[0] {
	case '\'', '"':
		return fmt.Sprintf("unterminated string %s", describe(Token{Value: v}))
	case '`':
		return "unterminated raw SQL string: a backquoted string ends on its line"
	}
	return fmt.Sprintf("unexpected character %q", v)
}
