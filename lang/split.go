package lang

import "strings"

// split cuts a file into top-level chunks: each declaration with the comment
// lines directly above it, and runs of free-standing comments. Brace matching
// skips strings and comments. A declaration whose closing brace is missing
// ends where the next unindented `table`, `enum` or `project` header starts,
// so one broken block cannot swallow the rest of the file.
func split(src string) []Span {
	var chunks []Span
	pending := -1 // start of a run of comment lines not yet assigned
	lastComment := 0
	pos := 0
	for pos < len(src) {
		eol := lineEnd(src, pos)
		line := strings.TrimSpace(src[pos:eol])
		switch {
		case line == "":
			if pending >= 0 {
				chunks = append(chunks, Span{pending, lastComment})
				pending = -1
			}
			pos = eol + 1
		case strings.HasPrefix(line, "//"):
			if pending < 0 {
				pending = pos + strings.Index(src[pos:eol], "//")
			}
			lastComment = pos + len(strings.TrimRight(src[pos:eol], " \t\r"))
			pos = eol + 1
		default:
			start := pos + (len(src[pos:eol]) - len(strings.TrimLeft(src[pos:eol], " \t")))
			if pending >= 0 {
				start = pending
				pending = -1
			}
			end := declEnd(src, pos)
			chunks = append(chunks, Span{start, end})
			pos = end
		}
	}
	if pending >= 0 {
		chunks = append(chunks, Span{pending, lastComment})
	}
	return chunks
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
