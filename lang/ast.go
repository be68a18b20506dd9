package lang

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Node is embedded in every AST node. participle sets Pos to the position of
// the node's first token and EndPos to that of the token after its last one.
// The parser stores in each token's Pos.Line the end offset of the code token
// before it (see lineTokens), so EndPos.Line is where the node ends. Offsets
// in an AST are relative to the start of its declaration (see Decl). Plain
// positions keep the AST compact and free of pointers into token arrays.
type Node struct {
	Pos    lexer.Position
	EndPos lexer.Position
}

// Span is the node's byte range, relative to its declaration.
func (n Node) Span() Span { return Span{n.Pos.Offset, n.EndPos.Line} }

// Ident is a name with its span. It parses itself (participle.Parseable),
// which keeps the hottest node small and its span exact.
type Ident struct {
	Name       string
	Start, End int
}

// Parse implements participle.Parseable: it consumes one identifier token.
func (id *Ident) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != TokIdent {
		return participle.NextMatch
	}
	lex.Next()
	*id = identOf(*t)
	return nil
}

// Span is the identifier's byte range, relative to its declaration.
func (id *Ident) Span() Span { return Span{id.Start, id.End} }

func identOf(t Token) Ident {
	return Ident{Name: t.Value, Start: t.Pos.Offset, End: t.Pos.Offset + len(t.Value)}
}

// TableHeader is `table NAME [global] [renamed_from OLD]`.
type TableHeader struct {
	Node
	Name      *Ident           `parser:"'table' @@"`
	Modifiers []*TableModifier `parser:"@@*"`
}

// TableModifier is one modifier after a table's name.
type TableModifier struct {
	Node
	Global      bool   `parser:"  @'global'"`
	RenamedFrom *Ident `parser:"| 'renamed_from' @@"`
}

// EnumHeader is `enum NAME`.
type EnumHeader struct {
	Node
	Name *Ident `parser:"'enum' @@"`
}

// ProjectHeader is `project NAME`.
type ProjectHeader struct {
	Node
	Name *Ident `parser:"'project' @@"`
}

// EnumLine is one line of enum values.
type EnumLine struct {
	Node
	Values []*Ident `parser:"@@+"`
}

// Element is one line of a table body: exactly one field is set. The
// parser picks the production from the line's first tokens, since keywords
// are contextual (a column may be named pk or index):
//
//	pk (cols)                 -> PK
//	unique (cols) ...         -> Unique
//	index [name] (cols) ...   -> Index
//	fk (cols) -> ...          -> FK
//	check (expr)              -> Check
//	anything else             -> Column
type Element struct {
	PK     *ColumnList
	Unique *UniqueClause
	Index  *IndexClause
	FK     *FKClause
	Check  *Expr
	Column *Column
}

// CheckClause is the parenthesized expression after a table's check keyword.
type CheckClause struct {
	Node
	Expr *Expr `parser:"'(' @@ ')'"`
}

// ColumnList is `(a, b, c)`.
type ColumnList struct {
	Node
	Columns []*Ident `parser:"'(' @@ (',' @@)* ')'"`
}

// UniqueClause is `unique (cols) [where pred]`.
type UniqueClause struct {
	Node
	Columns *ColumnList `parser:"@@"`
	Where   *Expr       `parser:"('where' @@)?"`
}

// IndexClause is `index [name] (col [asc|desc], ...) [using M] [include (cols)] [where pred]`.
type IndexClause struct {
	Node
	Name    *Ident         `parser:"@@?"`
	Columns []*IndexColumn `parser:"'(' @@ (',' @@)* ')'"`
	Using   *Ident         `parser:"('using' @@)?"`
	Include *ColumnList    `parser:"('include' @@)?"`
	Where   *Expr          `parser:"('where' @@)?"`
}

// IndexColumn is one key column of an index with its order.
type IndexColumn struct {
	Node
	Column *Ident `parser:"@@"`
	Order  string `parser:"@('asc' | 'desc')?"`
}

// FKClause is `fk (cols) -> table (cols) [on delete A] [on update A]`.
type FKClause struct {
	Node
	Columns    *ColumnList `parser:"@@ '->'"`
	Table      *Ident      `parser:"@@"`
	RefColumns *ColumnList `parser:"@@"`
	Actions    []*Action   `parser:"@@*"`
}

// Column is `name type[?] attr*`.
type Column struct {
	Node
	Name     *Ident    `parser:"@@"`
	Type     *TypeName `parser:"@@"`
	Nullable bool      `parser:"@'?'?"`
	Attrs    []*Attr   `parser:"@@*"`
}

// TypeName is a type: a name, optional arguments and array dimensions.
type TypeName struct {
	Node
	Name  *Ident   `parser:"@@"`
	Args  []string `parser:"('(' @Number (',' @Number)* ')')?"`
	Array string   `parser:"@('[' ']')*"`
}

// Dims is the number of array dimensions.
func (t *TypeName) Dims() int { return len(t.Array) / 2 }

// Attr is one column attribute.
type Attr struct {
	Node
	Default     *Expr      `parser:"  'default' '(' @@ ')'"`
	Ref         *Reference `parser:"| @@"`
	PK          bool       `parser:"| @'pk'"`
	Unique      bool       `parser:"| @'unique'"`
	Check       *Expr      `parser:"| 'check' '(' @@ ')'"`
	PII         bool       `parser:"| @'pii'"`
	RenamedFrom *Ident     `parser:"| 'renamed_from' @@"`
}

// Kind names the attribute as written: pk, unique, pii, default, check, ->
// or renamed_from.
func (a *Attr) Kind() string {
	switch {
	case a.PK:
		return "pk"
	case a.Unique:
		return "unique"
	case a.PII:
		return "pii"
	case a.Default != nil:
		return "default"
	case a.Check != nil:
		return "check"
	case a.Ref != nil:
		return "->"
	}
	return "renamed_from"
}

// Reference is `-> table.column [on delete A] [on update A]`.
type Reference struct {
	Node
	Table   *Ident    `parser:"'->' @@ '.'"`
	Column  *Ident    `parser:"@@"`
	Actions []*Action `parser:"@@*"`
}

// Action is `on delete|update cascade|restrict|set null|set default|no
// action`; `on delete set null (cols)` and `set default (cols)` set only
// those columns of the key (PostgreSQL 15).
type Action struct {
	Node
	Event   string      `parser:"'on' @('delete' | 'update')"`
	Do      []string    `parser:"( @'cascade' | @'restrict' | @'set' @('null' | 'default') | @'no' @'action' )"`
	Columns *ColumnList `parser:"@@?"`
}

// What is the action as written in SQL, e.g. "set null".
func (a *Action) What() string { return strings.Join(a.Do, " ") }

// Setting is one entry of the project block: a key, values, and an optional
// nested block (filled in by the parser, not by the grammar).
type Setting struct {
	Node
	Key    *Word    `parser:"@@"`
	Values []*Value `parser:"@@*"`
	// Body is the nested block, if any, and Open and Close the offsets of
	// its braces.
	Body        []*Setting
	Open, Close int
}

// Word is a bare word that may contain '/', '-', '.' and '*', such as
// naming/boolean-prefix or golang-migrate.
type Word struct {
	Node
	Parts []string `parser:"@(Ident | '*') (@('/' | '-' | '.') @(Ident | '*'))*"`
}

// Text is the word as written.
func (w *Word) Text() string { return strings.Join(w.Parts, "") }

// Value is a setting value: a double-quoted string, a number or a word.
type Value struct {
	Node
	Str  *string `parser:"  @DString"`
	Num  *string `parser:"| @Number"`
	Word *Word   `parser:"| @@"`
}

// Text is the value without quotes.
func (v *Value) Text() string {
	switch {
	case v.Str != nil:
		return unquoteDouble(*v.Str)
	case v.Num != nil:
		return *v.Num
	}
	return v.Word.Text()
}

// Expr is an expression of the SQL subset: operands joined by binary
// operators. Precedence does not matter to dbspec, which checks names and
// passes the text through, so the operators are kept flat.
type Expr struct {
	Node
	First *Term     `parser:"@@"`
	Rest  []*OpTerm `parser:"@@*"`
}

// OpTerm is a binary operator and its right operand.
type OpTerm struct {
	Node
	Op   []string `parser:"( @('and' | 'or' | '=' | '<>' | '!=' | '<=' | '>=' | '<' | '>' | '+' | '-' | '*' | '/' | '%' | '||') | @'not'? @('like' | 'ilike') )"`
	Term *Term    `parser:"@@"`
}

// Term is an operand with its prefix and postfix operators.
type Term struct {
	Node
	Prefix  []string    `parser:"@('not' | '-' | '+')*"`
	Primary *Primary    `parser:"@@"`
	Casts   []*TypeName `parser:"('::' @@)*"`
	Postfix []*Postfix  `parser:"@@*"`
}

// Postfix is `is [not] null` or `[not] in (list)`.
type Postfix struct {
	Node
	IsNull *IsNull `parser:"  @@"`
	In     *InList `parser:"| @@"`
}

// IsNull is `is [not] null`.
type IsNull struct {
	Node
	Not bool `parser:"'is' @'not'? 'null'"`
}

// InList is `[not] in (a, b)`.
type InList struct {
	Node
	Not  bool    `parser:"@'not'? 'in'"`
	List []*Expr `parser:"'(' @@ (',' @@)* ')'"`
}

// Primary is a literal, a call, a name, a raw SQL string or a parenthesized expression.
type Primary struct {
	Node
	Call   *Call   `parser:"  @@"`
	Name   *Ident  `parser:"| @@"`
	Number *string `parser:"| @Number"`
	String *string `parser:"| @String"`
	Paren  *Expr   `parser:"| '(' @@ ')'"`
	Raw    *string `parser:"| @Raw"`
}

// Call is a function call.
type Call struct {
	Node
	Func *Ident  `parser:"@@ '('"`
	Args []*Expr `parser:"(@@ (',' @@)*)? ')'"`
}

// Names calls fn for every name in the expression that is not a function
// name: column references, enum members and keywords such as null or true.
func (e *Expr) Names(fn func(*Ident)) {
	e.walk(func(t *Term) {
		if t.Primary.Name != nil {
			fn(t.Primary.Name)
		}
	})
}

// Casts calls fn for the type of every ::cast in the expression.
func (e *Expr) Casts(fn func(*TypeName)) {
	e.walk(func(t *Term) {
		for _, c := range t.Casts {
			fn(c)
		}
	})
}

// walk calls fn for every term of the expression, nested ones included.
func (e *Expr) walk(fn func(*Term)) {
	if e == nil {
		return
	}
	e.First.walk(fn)
	for _, r := range e.Rest {
		r.Term.walk(fn)
	}
}

func (t *Term) walk(fn func(*Term)) {
	fn(t)
	p := t.Primary
	switch {
	case p.Paren != nil:
		p.Paren.walk(fn)
	case p.Call != nil:
		for _, a := range p.Call.Args {
			a.walk(fn)
		}
	}
	for _, pf := range t.Postfix {
		if pf.In != nil {
			for _, x := range pf.In.List {
				x.walk(fn)
			}
		}
	}
}

func unquoteDouble(s string) string {
	if len(s) < 2 {
		return s
	}
	s = s[1 : len(s)-1]
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
