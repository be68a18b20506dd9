package lang

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPositionsCountBytesAndUTF16(t *testing.T) {
	// "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units; "日本" is 6 bytes and 2 units.
	src := "/// café 😀 日本\ntable t {\n  x text default('😀é') // ok\n}\n"
	l := NewLines(src)
	off := strings.Index(src, "table")
	assert.Equal(t, Position{Offset: off, Line: 1, Col: 0, Col16: 0}, l.Position(off))

	off = strings.Index(src, "日本")
	p := l.Position(off)
	assert.Equal(t, 0, p.Line)
	assert.Equal(t, len("/// café 😀 "), p.Col)
	assert.Equal(t, len("/// cafe ")+2+1, p.Col16)

	off = strings.Index(src, "// ok")
	p = l.Position(off)
	assert.Equal(t, 2, p.Line)
	assert.Equal(t, len("  x text default('😀é') "), p.Col)
	assert.Equal(t, len("  x text default('")+2+1+len("') "), p.Col16)

	// Offsets round-trip through both encodings.
	for i := range len(src) + 1 {
		p := l.Position(i)
		if i < len(src) && !isRuneStart(src[i]) {
			continue
		}
		assert.Equal(t, i, l.Offset(p.Line, p.Col, false), "utf-8 offset %d", i)
		assert.Equal(t, i, l.Offset(p.Line, p.Col16, true), "utf-16 offset %d", i)
	}
}

func TestOffsetClampsOutOfRange(t *testing.T) {
	src := "ab\r\ncd"
	l := NewLines(src)
	assert.Equal(t, 0, l.Offset(-1, 5, true))
	assert.Equal(t, 2, l.Offset(0, 99, true), "a column past the end stops before the line break")
	assert.Equal(t, 2, l.Offset(0, 99, false))
	assert.Equal(t, len(src), l.Offset(7, 0, true))
	assert.Equal(t, Position{Offset: len(src), Line: 1, Col: 2, Col16: 2}, l.Position(1000))
	assert.Equal(t, 2, l.Count())
}

func TestOffsetInsideSurrogatePairStaysBefore(t *testing.T) {
	l := NewLines("a😀b")
	assert.Equal(t, 1, l.Offset(0, 2, true))
	assert.Equal(t, 5, l.Offset(0, 3, true))
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// TestOffsetScanEqualsIndex checks that Offset, which scans the text,
// agrees with Lines.Offset on every line and column, in range or not.
func TestOffsetScanEqualsIndex(t *testing.T) {
	for _, src := range []string{"", "\n", "ab\r\ncd", "/// café 😀 日本\ntable t {\n  x text // 😀\n}\n", "a\n\nb"} {
		l := NewLines(src)
		for line := -1; line <= l.Count()+1; line++ {
			for col := -1; col <= 20; col++ {
				for _, utf16 := range []bool{false, true} {
					assert.Equal(t, l.Offset(line, col, utf16), Offset(src, line, col, utf16), "%q line %d col %d utf16 %v", src, line, col, utf16)
				}
			}
		}
	}
}
