package lang

import (
	"strconv"
	"sync"
)

// The line cache remembers how each distinct table-body line parsed, so that
// a line seen before — in another table, or in the previous version of the
// file — is copied to its new position instead of parsed again. Schemas
// repeat their standard lines (id, tenant_id, created_at, updated_at) in
// every table, and participle's parse costs far more than a copy.

// lineEntry is a line parsed at offset 0.
type lineEntry struct {
	element *Element
	column  *Ident // the recovered column name of a line that did not parse
	errors  []Error
}

// maxCachedLines bounds a cache; it starts over when full.
const maxCachedLines = 1 << 16

// lineCache maps a line's text (and what ended it) to its parse. Each Parser
// has one, shared by its parallel workers.
type lineCache struct {
	mu sync.Mutex
	m  map[string]*lineEntry
}

func newLineCache() *lineCache { return &lineCache{m: map[string]*lineEntry{}} }

// element parses one line of a table body through the line cache. It
// returns the element, or nil and the recovered column name when the line
// does not parse; its errors go to the chunk.
func (p *chunkParser) element(code []Token, term Token) (*Element, *Ident) {
	base := code[0].Pos.Offset
	end := tokSpan(code[len(code)-1]).End
	// The errors of a line depend on what ended it and where.
	key := p.c.Text[base:end] + "\x00" + term.Value + "\x00" + strconv.Itoa(term.Pos.Offset-base)

	cache := p.cache
	cache.mu.Lock()
	e := cache.m[key]
	cache.mu.Unlock()
	if e == nil {
		e = parseAtZero(code, term, base)
		cache.mu.Lock()
		if len(cache.m) >= maxCachedLines {
			cache.m = map[string]*lineEntry{}
		}
		cache.m[key] = e
		cache.mu.Unlock()
	}
	for _, err := range e.errors {
		p.c.Errors = append(p.c.Errors, Error{Span{err.Span.Start + base, err.Span.End + base}, err.Msg})
	}
	return shift(base).element(e.element), shift(base).ident(e.column)
}

// parseAtZero parses a line as if it started at offset 0.
func parseAtZero(code []Token, term Token, base int) *lineEntry {
	rel := make([]Token, len(code))
	for i, t := range code {
		t.Pos.Offset -= base
		rel[i] = t
	}
	term.Pos.Offset -= base
	scratch := &chunkParser{c: &Chunk{}} // collects the errors at offset 0
	e := &lineEntry{element: scratch.parseElement(rel, term)}
	if e.element == nil {
		e.column = columnName(rel)
	}
	e.errors = scratch.c.Errors
	return e
}
