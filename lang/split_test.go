package lang

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpus returns the paths of the test schemas.
func corpus(t testing.TB) []string {
	var files []string
	for _, g := range []string{"../testdata/examples/*/*.dbspec", "../testdata/bad/*/*.dbspec", "../testdata/generated/t100/*.dbspec"} {
		m, err := filepath.Glob(g)
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.NotEmpty(t, files)
	return files
}

// sameParse reports how got, an incremental parse, differs from want, a
// cold parse of the same text, or "" when it does not.
func sameParse(got, want *File) string {
	type decl struct{ Offset, Len int }
	spans := func(f *File) []decl {
		out := make([]decl, len(f.Decls))
		for i, d := range f.Decls {
			out[i] = decl{d.Offset, len(d.Text)}
		}
		return out
	}
	if g, w := spans(got), spans(want); !slices.Equal(g, w) {
		return fmt.Sprintf("chunks %v, want %v", g, w)
	}
	seen := map[*Chunk]bool{}
	for i, d := range got.Decls {
		if d.Text != want.Decls[i].Text {
			return fmt.Sprintf("chunk %d has text %q, want %q", i, d.Text, want.Decls[i].Text)
		}
		if seen[d.Chunk] {
			return fmt.Sprintf("chunk %d is shared", i)
		}
		seen[d.Chunk] = true
	}
	if !slices.Equal(got.Errors, want.Errors) {
		return fmt.Sprintf("errors %v, want %v", got.Errors, want.Errors)
	}
	if !slices.Equal(got.Lines.start, want.Lines.start) {
		return "line starts differ"
	}
	return ""
}

// edit makes a random edit to src: it inserts a fragment that matters to
// split, or deletes a few bytes.
func edit(r *rand.Rand, src string) string {
	frags := []string{"{", "}", `"`, "'", "`", "/", "\n", " ", "\t", "//", "///", "\n\n", "table x {", "table x {\n", "\ntable y {\n  id int\n", "enum e {\n", "project p {", "}\n", "  extra_col text?\n", "// c\n", "\r\n", "\v"}
	at := r.Intn(len(src) + 1)
	if r.Intn(3) == 0 {
		// Edit at a line start, where declarations and comments start.
		at = strings.LastIndexByte(src[:at], '\n') + 1
	}
	if r.Intn(2) == 0 {
		return src[:at] + frags[r.Intn(len(frags))] + src[at:]
	}
	return src[:at] + src[min(len(src), at+1+r.Intn(12)):]
}

// TestParseIncremental checks that re-parsing after each of a sequence of
// random edits gives what parsing the new text from scratch gives.
func TestParseIncremental(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, path := range corpus(t) {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		orig := string(b)
		n := 300
		if len(orig) > 10000 {
			n = 60
		}
		p := NewParser()
		src := orig
		p.Parse(path, src)
		for k := range n {
			switch {
			case k%50 == 49:
				src = orig
			case r.Intn(4) == 0:
				src = edit(r, edit(r, src)) // two edits apart
			default:
				src = edit(r, src)
			}
			if msg := sameParse(p.Parse(path, src), Parse(path, src)); msg != "" {
				t.Fatalf("%s after edit %d: %s\ntext: %q", path, k, msg, src)
			}
		}
	}
}

// FuzzParseIncremental checks that parsing b after a gives what parsing b
// from scratch gives.
func FuzzParseIncremental(f *testing.F) {
	r := rand.New(rand.NewSource(1))
	for _, path := range corpus(f) {
		if strings.Contains(path, "generated") {
			continue // too large to fuzz fast
		}
		b, err := os.ReadFile(path)
		require.NoError(f, err)
		src := string(b)
		f.Add(src, edit(r, src))
		f.Add(edit(r, src), src)
	}
	f.Add("", "table a {\n}\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		p := NewParser()
		p.Parse("x.dbspec", a)
		if msg := sameParse(p.Parse("x.dbspec", b), Parse("x.dbspec", b)); msg != "" {
			t.Fatalf("%s\nbefore: %q\nafter: %q", msg, a, b)
		}
	})
}

// TestChunksAreUniquePerPlace checks that equal declarations in one file
// get chunks of their own, cold and after edits that create or move them.
func TestChunksAreUniquePerPlace(t *testing.T) {
	const a, b = "table a {\n  id uuid pk\n}\n", "table b {\n  id uuid pk\n}\n"
	distinct := func(f *File, n int) {
		t.Helper()
		require.Len(t, f.Decls, n)
		for i := range f.Decls {
			for j := range i {
				assert.NotSame(t, f.Decls[i].Chunk, f.Decls[j].Chunk, "chunks %d and %d", j, i)
			}
		}
	}
	p := NewParser()
	f1 := p.Parse("x.dbspec", a+"\n"+a+"\n// c\n\n// c\n")
	distinct(f1, 4)
	f2 := p.Parse("x.dbspec", a+"\n"+a+"\n"+a+"\n// c\n\n// c\n")
	distinct(f2, 5)
	assert.Same(t, f1.Decls[0].Chunk, f2.Decls[0].Chunk)
	assert.Same(t, f1.Decls[3].Chunk, f2.Decls[4].Chunk, "a chunk after the edit is reused")
	f3 := p.Parse("x.dbspec", b+"\n"+a+"\n"+a+"\n"+a+"\n// c\n\n// c\n")
	distinct(f3, 6)
	f4 := p.Parse("x.dbspec", a+"\n"+a)
	distinct(f4, 2)
	f5 := p.Parse("x.dbspec", a+"\n"+b+"\n"+a)
	distinct(f5, 3)
}
