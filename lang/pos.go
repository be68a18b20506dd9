package lang

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets [Start, End) in a file.
type Span struct {
	Start, End int
}

// Contains reports whether offset off lies in s; the end offset counts, so a
// cursor just after an identifier still finds it.
func (s Span) Contains(off int) bool { return s.Start <= off && off <= s.End }

// Position is a point in a file: a byte offset and its zero-based line and
// columns, counted in UTF-8 bytes and in UTF-16 code units (the LSP default).
type Position struct {
	Offset int
	Line   int
	Col    int // bytes from the start of the line
	Col16  int // UTF-16 code units from the start of the line
}

// Lines maps byte offsets of one text to lines and columns and back.
type Lines struct {
	src   string
	start []int // byte offset of the start of each line
}

// NewLines indexes the line starts of src.
func NewLines(src string) *Lines {
	start := make([]int, 1, len(src)/32+1)
	for i := 0; i < len(src); {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		start = append(start, i)
	}
	return &Lines{src: src, start: start}
}

// Count is the number of lines.
func (l *Lines) Count() int { return len(l.start) }

// Position converts a byte offset, clamped to the text, to a Position.
func (l *Lines) Position(off int) Position {
	off = max(0, min(off, len(l.src)))
	line := sort.SearchInts(l.start, off+1) - 1
	ls := l.start[line]
	return Position{Offset: off, Line: line, Col: off - ls, Col16: utf16Len(l.src[ls:off])}
}

// Offset converts a zero-based line and column to a byte offset. The column
// counts UTF-16 code units when utf16 is set, bytes otherwise. Out-of-range
// lines and columns are clamped to the text, as LSP asks.
func (l *Lines) Offset(line, col int, utf16 bool) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.start) {
		return len(l.src)
	}
	return colOffset(l.src, l.start[line], col, utf16)
}

// Offset is Lines.Offset for one lookup in src: it scans src up to the line
// instead of indexing every line.
func Offset(src string, line, col int, utf16 bool) int {
	if line < 0 {
		return 0
	}
	ls := 0
	for range line {
		i := strings.IndexByte(src[ls:], '\n')
		if i < 0 {
			return len(src)
		}
		ls += i + 1
	}
	return colOffset(src, ls, col, utf16)
}

// colOffset is the byte offset of column col of the line that starts at ls,
// clamped to the line.
func colOffset(src string, ls, col int, utf16 bool) int {
	le := len(src)
	if i := strings.IndexByte(src[ls:], '\n'); i >= 0 {
		le = ls + i // stop before the newline
		if le > ls && src[le-1] == '\r' {
			le--
		}
	}
	if !utf16 {
		return ls + max(0, min(col, le-ls))
	}
	off, n := ls, 0
	for off < le && n < col {
		r, size := utf8.DecodeRuneInString(src[off:le])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		if n > col { // col points inside a surrogate pair: stay before it
			break
		}
		off += size
	}
	return off
}

func utf16Len(b string) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(b[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}
