package migrate

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dbspec/dbspec/codegen/files"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// SumFile is the name of the sum file: its first line is the checksum of
// the lines below it, each of which names a sealed file (the migrations in
// version order, then the snapshot) and its checksum. Checksums are
// "h1:" and the standard base64 of a SHA-256.
const SumFile = "dbspec.sum"

// TamperedRule is the rule of the findings of Verify.
const TamperedRule = "migration/tampered-history"

// sumLine is one line of the sum file.
type sumLine struct {
	name, hash string
	line       int // zero-based line in the sum file, when read from it
}

func checksum(b []byte) string {
	sum := sha256.Sum256(b)
	return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
}

func formatSum(lines []sumLine) string {
	var body strings.Builder
	for _, l := range lines {
		body.WriteString(l.name + " " + l.hash + "\n")
	}
	return checksum([]byte(body.String())) + "\n" + body.String()
}

// path is the path of a file of the directory.
func (d *Dir) path(name string) string { return filepath.Join(d.Path, name) }

// sealedFiles lists the files the sum covers that exist: the sealed
// migration files, then the snapshot.
func (d *Dir) sealedFiles() ([]string, error) {
	names := d.files()
	if _, err := os.Stat(d.path(SnapshotFile)); err == nil {
		names = append(names, SnapshotFile)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return names, nil
}

// writeSum records the checksums of the sealed files.
func (d *Dir) writeSum() error {
	names, err := d.sealedFiles()
	if err != nil {
		return err
	}
	lines := make([]sumLine, len(names))
	for i, name := range names {
		src, err := os.ReadFile(d.path(name))
		if err != nil {
			return err
		}
		lines[i] = sumLine{name: name, hash: checksum(src)}
	}
	return files.WriteAtomic(d.path(SumFile), []byte(formatSum(lines)))
}

// Verify compares the sealed files with the sum file and reports every
// difference as an error of rule TamperedRule: a file edited after it was
// sealed, a file removed, a migration file the sum file does not know, and
// a sealed migration renamed or reordered. Each is reported at the file it
// is about, or at its line in the sum file when the file is gone.
func (d *Dir) Verify() []model.Diagnostic {
	v := &verifier{d: d, opened: map[string]*lang.File{}}
	v.run()
	return v.diags
}

type verifier struct {
	d      *Dir
	opened map[string]*lang.File // by name in the directory
	diags  []model.Diagnostic
}

func (v *verifier) run() {
	names, err := v.d.sealedFiles()
	if err != nil {
		v.report(SumFile, 0, "cannot list the sealed files: %v", err)
		return
	}
	sum, ok := v.readSum(names)
	if !ok {
		return
	}
	byName := map[string]sumLine{}
	byHash := map[string][]sumLine{}
	for _, l := range sum {
		byName[l.name] = l
		byHash[l.hash] = append(byHash[l.hash], l)
	}
	var last sumLine // the sealed migration file of the sum with the highest version
	var lastVersion uint64
	for _, l := range sum {
		if version, _, _, ok := parseName(v.d.Format, l.name); ok && version >= lastVersion {
			last, lastVersion = l, version
		}
	}
	hashes := map[string]string{} // of the files that can be read
	intact := map[string]bool{}   // the files that match their line
	for _, name := range names {
		if f := v.open(name); f != nil {
			hashes[name] = checksum([]byte(f.Src))
			intact[name] = byName[name].hash == hashes[name]
		}
	}
	moved := map[string]bool{} // sum entries whose content now has another name
	for _, name := range names {
		h, ok := hashes[name]
		if !ok || intact[name] {
			continue
		}
		if other, ok := movedFrom(byHash[h], name, intact); ok {
			moved[other] = true
			v.report(name, 0, "%s holds the migration sealed as %s: sealed migrations were renamed or reordered", name, other)
			continue
		}
		_, known := byName[name]
		version, _, _, _ := parseName(v.d.Format, name)
		switch {
		case known:
			v.report(name, 0, "%s was edited after it was sealed: its checksum differs from the one in %s", name, SumFile)
		case name != SnapshotFile && version < lastVersion:
			v.report(name, 0, "%s is not in %s and sorts before the last sealed migration %s: seal new changes with dbspec migrate seal instead of adding files", name, SumFile, last.name)
		default:
			v.report(name, 0, "%s is not in %s: seal migrations with dbspec migrate seal instead of adding files", name, SumFile)
		}
	}
	for _, l := range sum {
		if _, present := hashes[l.name]; !present && !moved[l.name] {
			v.report(SumFile, l.line, "%s was removed after it was sealed", l.name)
		}
	}
}

// readSum reads and checks the sum file; ok is false when nothing more
// can be verified.
func (v *verifier) readSum(names []string) (lines []sumLine, ok bool) {
	src, err := os.ReadFile(v.d.path(SumFile))
	if errors.Is(err, os.ErrNotExist) {
		for _, name := range names {
			v.report(name, 0, "%s is not covered by a sum file: %s is missing", name, SumFile)
		}
		return nil, false
	}
	if err != nil {
		v.report(SumFile, 0, "cannot read %s: %v", SumFile, err)
		return nil, false
	}
	text := string(src)
	first, body, _ := strings.Cut(text, "\n")
	if !strings.HasPrefix(first, "h1:") {
		v.report(SumFile, 0, "%s is malformed: its first line should be the h1: checksum of the lines below", SumFile)
		return nil, false
	}
	if checksum([]byte(body)) != first {
		v.report(SumFile, 0, "%s was edited by hand: its checksum does not match its lines", SumFile)
	}
	for i, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		name, hash, ok := strings.Cut(line, " ")
		if !ok || !strings.HasPrefix(hash, "h1:") || strings.Contains(hash, " ") {
			if line != "" {
				v.report(SumFile, i+1, "%s is malformed: expected \"NAME h1:CHECKSUM\"", SumFile)
			}
			continue
		}
		lines = append(lines, sumLine{name: name, hash: hash, line: i + 1})
	}
	return lines, true
}

// movedFrom returns the name of a sum line other than name, among lines
// with name's content, whose own file is gone or holds something else.
func movedFrom(lines []sumLine, name string, intact map[string]bool) (string, bool) {
	for _, l := range lines {
		if l.name != name && !intact[l.name] {
			return l.name, true
		}
	}
	return "", false
}

// open reads a file of the directory for a diagnostic's location.
func (v *verifier) open(name string) *lang.File {
	if f, ok := v.opened[name]; ok {
		return f
	}
	src, err := os.ReadFile(v.d.path(name))
	if err != nil {
		if name != SumFile {
			v.report(SumFile, 0, "cannot read %s: %v", name, err)
		}
		return nil
	}
	text := string(src)
	f := &lang.File{Path: v.d.path(name), Src: text, Lines: lang.NewLines(text)}
	v.opened[name] = f
	return f
}

// report records a finding at a zero-based line of a file, or at its
// start when the file cannot be read.
func (v *verifier) report(name string, line int, format string, args ...any) {
	loc := model.Loc{}
	if f := v.open(name); f != nil {
		loc = model.Loc{File: f, Span: lineSpan(f, line)}
	} else {
		text := ""
		loc = model.Loc{File: &lang.File{Path: v.d.path(name), Src: text, Lines: lang.NewLines(text)}}
	}
	v.diags = append(v.diags, model.Diagnostic{
		Loc: loc, Severity: model.Error, Rule: TamperedRule, Message: fmt.Sprintf(format, args...),
	})
}

// lineSpan is the span of a zero-based line of f, without its newline.
func lineSpan(f *lang.File, line int) lang.Span {
	start := f.Lines.Offset(line, 0, false)
	end := len(f.Src)
	if i := strings.IndexByte(f.Src[start:], '\n'); i >= 0 {
		end = start + i
	}
	return lang.Span{Start: start, End: end}
}

// formatProblems formats the findings of Verify as one message, a line each.
func formatProblems(diags []model.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		p := d.Loc.Position()
		fmt.Fprintf(&b, "\n  %s:%d: %s", d.Loc.File.Path, p.Line+1, d.Message)
	}
	return b.String()
}
