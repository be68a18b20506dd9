package lang

import (
	"sort"
	"strings"
)

// splitFrom cuts a file into top-level chunks from pos on: each declaration
// with the comment lines directly above it, and runs of free-standing
// comments. Brace matching skips strings and comments. A declaration whose
// closing brace is missing ends where the next unindented `table`, `enum`
// or `project` header starts, so one broken block cannot swallow the rest of
// the file.
//
// pos is the start of a line above which no comment lines are pending, so
// what splitFrom finds depends only on src[pos:].
// Before each chunk that starts with no comments pending, it calls resync,
// with the start of the chunk's first line and of the chunk;
// when resync returns true, it stops there and reports synced.
func splitFrom(src string, pos int, resync func(line, start int) bool) (chunks []Span, synced bool) {
	pending := -1 // start of a run of comment lines not yet assigned
	lastComment := 0
	for pos < len(src) {
		eol := lineEnd(src, pos)
		line := src[pos:eol]
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			if pending >= 0 {
				chunks = append(chunks, Span{pending, lastComment})
				pending = -1
			}
			pos = eol + 1
			continue
		}
		comment := strings.HasPrefix(trimmed, "//")
		start := pending
		if start < 0 {
			if comment {
				start = pos + strings.Index(line, "//")
			} else {
				start = pos + len(line) - len(strings.TrimLeft(line, " \t"))
			}
			if resync(pos, start) {
				return chunks, true
			}
		}
		if comment {
			pending = start
			lastComment = pos + len(strings.TrimRight(line, " \t\r"))
			pos = eol + 1
			continue
		}
		end := declEnd(src, pos)
		chunks = append(chunks, Span{start, end})
		pending = -1
		pos = end
	}
	if pending >= 0 {
		chunks = append(chunks, Span{pending, lastComment})
	}
	return chunks, false
}

// declEnd returns the end of the declaration whose first line starts at pos:
// the end of the line holding its closing brace (without the line break).
func declEnd(src string, pos int) int {
	depth, opened := 0, false
	for i := pos; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
			opened = true
		case '}':
			depth--
			if depth <= 0 {
				return trimEnd(src, pos, lineEnd(src, i))
			}
		case '\'', '"', '`':
			if j := scanQuoted(src, i); j > 0 {
				i = j - 1
			} else {
				i = lineEnd(src, i) - 1
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				i = lineEnd(src, i) - 1
			}
		case '\n':
			if i+1 < len(src) && (depth > 0 || !opened) && startsHeader(src[i+1:lineEnd(src, i+1)]) {
				return trimEnd(src, pos, i)
			}
		}
	}
	return trimEnd(src, pos, len(src))
}

// startsHeader reports whether an unindented line looks like the header of a
// new declaration: a keyword, a name, and an opening brace.
func startsHeader(line string) bool {
	for _, kw := range [...]string{"table ", "enum ", "project "} {
		if strings.HasPrefix(line, kw) {
			rest := strings.TrimSpace(line[len(kw):])
			return rest != "" && isIdentStart(rest[0]) && strings.Contains(rest, "{")
		}
	}
	return false
}

func lineEnd(src string, pos int) int {
	if i := strings.IndexByte(src[pos:], '\n'); i >= 0 {
		return pos + i
	}
	return len(src)
}

// trimEnd drops trailing white space from src[pos:end] and returns the new end.
func trimEnd(src string, pos, end int) int {
	for end > pos && strings.IndexByte(" \t\r\n", src[end-1]) >= 0 {
		end--
	}
	return end
}

// resplit cuts src, the new text of a file whose previous text old was cut
// into decls, without splitting all of it again. The result is decls[:i],
// then the chunks mid of src, then decls[j:] moved by len(src)-len(old).
//
// The text is old with the bytes between its first pre and its last suf
// replaced. What split finds from the start of a line above which no
// comments are pending depends only on the text from there on, and every
// chunk's first line starts in such a state. So splitting starts again at
// the first line of the last chunk whose first line, line break included,
// comes before the edit: the split up to there has read no further. It
// stops at the first chunk after the edit, line break before it included,
// that starts where an old chunk started: from there on, the text and so
// the chunks are the old ones.
func resplit(old string, decls []Decl, src string, pre, suf int) (i, j int, mid []Span) {
	delta := len(src) - len(old)
	k := sort.Search(len(decls), func(k int) bool { return decls[k].Offset >= pre }) - 1
	for k >= 0 && lineEnd(old, decls[k].Offset) >= pre {
		k--
	}
	from := 0
	if k >= 0 {
		i, from = k, strings.LastIndexByte(old[:decls[k].Offset], '\n')+1
	}
	j = i
	after := len(src) - suf // src[after:] == old[after-delta:]
	mid, synced := splitFrom(src, from, func(line, start int) bool {
		if line <= after {
			return false
		}
		for j < len(decls) && decls[j].Offset+delta < start {
			j++
		}
		return j < len(decls) && decls[j].Offset+delta == start
	})
	if !synced {
		j = len(decls)
	}
	return i, j, mid
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n, m := 0, min(len(a), len(b))
	for _, step := range [...]int{4096, 64, 1} {
		for n+step <= m && a[n:n+step] == b[n:n+step] {
			n += step
		}
	}
	return n
}

// commonSuffix returns the length of the longest common suffix of a and b.
func commonSuffix(a, b string) int {
	n, m := 0, min(len(a), len(b))
	for _, step := range [...]int{4096, 64, 1} {
		for n+step <= m && a[len(a)-n-step:len(a)-n] == b[len(b)-n-step:len(b)-n] {
			n += step
		}
	}
	return n
}
