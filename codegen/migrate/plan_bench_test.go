package migrate_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/migrate"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// BenchmarkPlan plans between the generated 1,000-table schema and a copy
// with 50 changes (changed50); both are loaded once.
func BenchmarkPlan(b *testing.B) {
	src, err := os.ReadFile("../../testdata/generated/t1000/schema.dbspec")
	require.NoError(b, err)
	old := parseSchema(b, string(src))
	new := parseSchema(b, changed50(string(src)))
	require.NotEmpty(b, migrate.Plan(old, new))
	b.ReportAllocs()
	for b.Loop() {
		migrate.Plan(old, new)
	}
}

// TestChanged50 checks that the benchmark's copy has its 50 changes, and
// that they plan to the migrations they should.
func TestChanged50(t *testing.T) {
	src, err := os.ReadFile("../../testdata/generated/t1000/schema.dbspec")
	require.NoError(t, err)
	changed := changed50(string(src))
	var all strings.Builder
	for _, m := range migrate.Plan(parseSchema(t, string(src)), parseSchema(t, changed)) {
		all.WriteString(m.Up)
	}
	for want, n := range map[string]int{
		`RENAME COLUMN title TO label;`: 6, `quantity SET DEFAULT 1;`: 7, `ADD COLUMN note text;`: 6,
		`CREATE INDEX CONCURRENTLY \w+ ON \w+ \(tenant_id, status\);`: 6, `DROP COLUMN is_active;`: 6,
		`quantity TYPE bigint`: 6, `ALTER TABLE \w+ RENAME TO \w+_v2;`: 6, `COMMENT ON TABLE \w+ IS '.*, changed\.';`: 6,
		`ALTER TYPE item_status ADD VALUE 'paused' AFTER 'archived';`: 1,
	} {
		assert.Len(t, regexp.MustCompile(want).FindAllString(all.String(), -1), n, want)
	}
}

// changed50 makes 50 changes to the generated schema src: one enum value
// added, and a change to every 20th table, of eight kinds in turn: a column
// renamed (renamed_from), a default changed, a column added, an index
// added, a column dropped, a type widened, the table renamed (its
// references follow), its comment changed.
func changed50(src string) string {
	src = strings.Replace(src, "enum item_status { draft active archived }", "enum item_status { draft active archived paused }", 1)
	tables := regexp.MustCompile(`(?m)^table (t(\d{4})_\w+) \{\n(?s:.*?)\n\}\n`)
	var renames [][2]string
	src = tables.ReplaceAllStringFunc(src, func(block string) string {
		m := tables.FindStringSubmatch(block)
		name := m[1]
		var n int
		fmt.Sscan(strings.TrimLeft(m[2], "0"), &n)
		if n%20 != 0 {
			return block
		}
		switch n / 20 % 8 {
		case 0:
			block = regexp.MustCompile(`\btitle\b`).ReplaceAllString(block, "label")
			return regexp.MustCompile(`(?m)^(  label .*)$`).ReplaceAllString(block, "$1 renamed_from title")
		case 1:
			return regexp.MustCompile(`(?m)^(  quantity .*)default\(0\)`).ReplaceAllString(block, "${1}default(1)")
		case 2:
			return strings.Replace(block, "\n  created_at", "\n  note text?\n  created_at", 1)
		case 3:
			return strings.Replace(block, "\n}\n", "\n  index (tenant_id, status)\n}\n", 1)
		case 4:
			return regexp.MustCompile(`(?m)^  is_active .*\n`).ReplaceAllString(block, "")
		case 5:
			return regexp.MustCompile(`(?m)^(  quantity\s+)int `).ReplaceAllString(block, "${1}bigint ")
		case 6:
			renames = append(renames, [2]string{name, name + "_v2"})
			return strings.Replace(block, "table "+name+" {", "table "+name+"_v2 renamed_from "+name+" {", 1)
		default:
			return block
		}
	})
	for _, r := range renames {
		src = regexp.MustCompile(`(-> |fk \(.*\) -> )`+r[0]+`\b`).ReplaceAllString(src, "${1}"+r[1])
	}
	docs := regexp.MustCompile(`/// Generated tenant table (\d+) of 999\.\n`)
	return docs.ReplaceAllStringFunc(src, func(doc string) string {
		var n int
		fmt.Sscan(docs.FindStringSubmatch(doc)[1], &n)
		if n%20 == 0 && n/20%8 == 7 {
			return "/// Generated tenant table " + fmt.Sprint(n) + ", changed.\n"
		}
		return doc
	})
}

// TestPlanSharedDeclarations plans between two versions of a schema loaded
// through one model.Loader, so that the tables the changes leave alone are
// the same objects in both: the plan is the one of schemas loaded apart.
func TestPlanSharedDeclarations(t *testing.T) {
	src, err := os.ReadFile("../../testdata/generated/t1000/schema.dbspec")
	require.NoError(t, err)
	changed := changed50(string(src))
	l := model.NewLoader()
	old := l.Build("", []*lang.File{l.Parser.Parse("schema.dbspec", string(src))})
	new := l.Build("", []*lang.File{l.Parser.Parse("schema.dbspec", changed)})
	require.Same(t, old.Tables[1], new.Tables[1], "an unchanged table is shared")
	require.Equal(t, migrate.Plan(parseSchema(t, string(src)), parseSchema(t, changed)), migrate.Plan(old, new))
}
