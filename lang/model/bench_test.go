package model_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

var sizes = []int{10, 100, 1000, 10000}

func generated(b *testing.B, n int) (string, string) {
	path := fmt.Sprintf("../../testdata/generated/t%d/schema.dbspec", n)
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, string(src)
}

// edited returns src with one column added to the table in the middle,
// which moves every table after it.
func edited(src string) string {
	at := strings.Index(src[len(src)/2:], "  created_at ") + len(src)/2
	return src[:at] + "  extra_col text?\n" + src[at:]
}

// versions are the two texts the edit benchmarks alternate between, made
// once so that they measure the parser and the model, not the building of
// a new text.
func versions(src string) [2]string { return [2]string{edited(src), src} }

// BenchmarkParse measures a cold parse: every declaration is parsed.
func BenchmarkParse(b *testing.B) {
	for _, n := range sizes {
		path, src := generated(b, n)
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				lang.NewParser().Parse(path, src)
			}
		})
	}
}

// BenchmarkParseEdit measures re-parsing after a one-declaration edit.
func BenchmarkParseEdit(b *testing.B) {
	for _, n := range sizes {
		path, src := generated(b, n)
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			p := lang.NewParser()
			p.Parse(path, src)
			texts := versions(src)
			i := 0
			for b.Loop() {
				i++
				p.Parse(path, texts[i%2])
			}
		})
	}
}

// BenchmarkResolve measures building the model from parsed files.
func BenchmarkResolve(b *testing.B) {
	for _, n := range sizes {
		path, src := generated(b, n)
		f := lang.Parse(path, src)
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			for b.Loop() {
				model.Build("", []*lang.File{f})
			}
		})
	}
}

// BenchmarkLoad measures parse + resolve, cold and after a one-declaration edit.
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes {
		path, src := generated(b, n)
		b.Run(fmt.Sprintf("cold/tables=%d", n), func(b *testing.B) {
			for b.Loop() {
				model.Build("", []*lang.File{lang.NewParser().Parse(path, src)})
			}
		})
		b.Run(fmt.Sprintf("edit/tables=%d", n), func(b *testing.B) {
			l := model.NewLoader()
			l.Build("", []*lang.File{l.Parser.Parse(path, src)})
			texts := versions(src)
			i := 0
			for b.Loop() {
				i++
				l.Build("", []*lang.File{l.Parser.Parse(path, texts[i%2])})
			}
		})
	}
}

// BenchmarkFormat measures formatting a parsed file.
func BenchmarkFormat(b *testing.B) {
	for _, n := range sizes {
		path, src := generated(b, n)
		f := lang.Parse(path, src)
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			for b.Loop() {
				lang.Format(f)
			}
		})
	}
}
