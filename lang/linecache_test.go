package lang

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLineCacheIsInvisible parses every corpus file with an empty line cache
// and again with a warm one: the chunks must be equal, positions included.
func TestLineCacheIsInvisible(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../testdata/examples/*/*.dbspec", "../testdata/bad/*/*.dbspec", "../testdata/format/*.dbspec", "../testdata/generated/t100/*.dbspec"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		p := NewParser()
		cold := p.Parse(path, string(src))
		p.Forget(path) // drop the chunks, keep the lines
		warm := p.Parse(path, string(src))
		require.Len(t, warm.Decls, len(cold.Decls))
		for i := range cold.Decls {
			assert.True(t, reflect.DeepEqual(cold.Decls[i].Chunk, warm.Decls[i].Chunk), "%s: declaration %d differs when parsed from the cache", path, i)
		}
	}
}

func TestLineCacheShiftsPositions(t *testing.T) {
	lines := newLineCache()
	a := parseChunk("table a {\n  id uuid pk default(gen_random_uuid())\n  x\n}", lines)
	b := parseChunk("table bb {\n    id uuid pk default(gen_random_uuid())\n    x\n}", lines)
	ia, ib := a.Table.Lines[0].Element.Column, b.Table.Lines[0].Element.Column
	assert.Equal(t, "id", a.Text[ia.Name.Start:ia.Name.End])
	assert.Equal(t, "id", b.Text[ib.Name.Start:ib.Name.End])
	sp := ib.Attrs[1].Default.Span()
	assert.Equal(t, "gen_random_uuid()", b.Text[sp.Start:sp.End])
	require.Len(t, b.Errors, 1)
	assert.Equal(t, "expected a column type after \"x\", found end of line", b.Errors[0].Msg)
	assert.Equal(t, len("table bb {\n    id uuid pk default(gen_random_uuid())\n    x"), b.Errors[0].Span.Start)
	assert.Equal(t, "x", b.Table.Lines[1].Column.Name)
	assert.Equal(t, "x", b.Text[b.Table.Lines[1].Column.Start:b.Table.Lines[1].Column.End])
	assert.NotSame(t, ia, ib, "a cached line is copied, never shared")
}

// TestShiftCopiesEveryNode shifts every body line of the corpus and checks,
// by reflection, that the copy equals the original with every position
// moved, and that it shares no node with it: a field the shift forgot
// would be left nil, unmoved or shared.
func TestShiftCopiesEveryNode(t *testing.T) {
	paths, err := filepath.Glob("../testdata/*/*/*.dbspec")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		if strings.Contains(path, "generated/") && !strings.Contains(path, "generated/t100/") {
			continue // the larger generated schemas repeat the lines of t100
		}
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		for _, d := range Parse(path, string(src)).Decls {
			if d.Table == nil {
				continue
			}
			for _, l := range d.Table.Lines {
				if l.Element != nil {
					checkShifted(t, reflect.ValueOf(l.Element), reflect.ValueOf(shift(7).element(l.Element)), path)
				}
			}
		}
	}
}

func checkShifted(t *testing.T, orig, cp reflect.Value, path string) {
	t.Helper()
	switch orig.Kind() {
	case reflect.Pointer:
		if orig.IsNil() || orig.Type().Elem().Kind() == reflect.String {
			assert.Equal(t, orig.Interface(), cp.Interface(), path)
			return
		}
		require.False(t, cp.IsNil(), "%s: %s not copied", path, orig.Type())
		assert.NotEqual(t, orig.Pointer(), cp.Pointer(), "%s: %s shared", path, orig.Type())
		checkShifted(t, orig.Elem(), cp.Elem(), path)
	case reflect.Slice:
		require.Equal(t, orig.Len(), cp.Len(), path)
		for i := range orig.Len() {
			checkShifted(t, orig.Index(i), cp.Index(i), path)
		}
	case reflect.Struct:
		switch o := orig.Interface().(type) {
		case Node:
			c := cp.Interface().(Node)
			assert.Equal(t, []int{o.Pos.Offset + 7, o.Pos.Line + 7, o.EndPos.Offset + 7, o.EndPos.Line + 7},
				[]int{c.Pos.Offset, c.Pos.Line, c.EndPos.Offset, c.EndPos.Line}, path)
			return
		case Ident:
			assert.Equal(t, Ident{o.Name, o.Start + 7, o.End + 7}, cp.Interface(), path)
			return
		}
		for i := range orig.NumField() {
			checkShifted(t, orig.Field(i), cp.Field(i), path)
		}
	default:
		assert.Equal(t, orig.Interface(), cp.Interface(), path)
	}
}
