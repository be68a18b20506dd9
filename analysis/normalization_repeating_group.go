package analysis

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// NormalizationRepeatingGroup flags numbered columns that repeat one
// attribute (1NF).
var NormalizationRepeatingGroup = &Rule{
	Name:     "normalization/repeating-group",
	Summary:  "numbered columns repeat one attribute",
	Severity: model.Warning,
	Doc: `Columns that differ only by a trailing number (` + "`phone1 phone2 phone3`" + `,
` + "`address_1 address_2`" + `, ` + "`tag1`" + ` … ` + "`tag5`" + `) are a repeating group, a breach of first
normal form: the number of values is fixed by the schema, a fourth phone
needs a migration, most rows carry empty slots, and every query that looks
for a value must test each column (` + "`where phone1 = $1 or phone2 = $1 or ...`" + `).
Store one value per row in a child table instead.

The rule needs at least two columns of the same type numbered like slots:
from 0 or 1, without large gaps (an unnumbered ` + "`phone`" + ` beside ` + "`phone2`" + ` is
the first slot). It stays quiet on digits that are part of a word (` + "`sha256`" + `, ` + "`utf8`" + `, ` + "`ipv4`" + ` and ` + "`ipv6`" + `,
` + "`oauth2`" + `, percentiles such as ` + "`p50 p95 p99`" + `), on one-letter bases such as the
coordinates ` + "`x1 y1 x2 y2`" + `, and on address lines (` + "`address_line1 address_line2`" + `,
` + "`line1 line2`" + `), an accepted postal convention.

Bad:

` + "```dbspec" + `
table contacts {
  id     uuid pk default(gen_random_uuid())
  phone1 text?
  phone2 text?
  phone3 text?
}
` + "```" + `

Good:

` + "```dbspec" + `
table contacts {
  id uuid pk default(gen_random_uuid())
}

table contact_phones {
  contact_id uuid -> contacts.id on delete cascade
  phone      text

  pk (contact_id, phone)
}
` + "```" + `

Suppress with ` + "`// dbspec:ignore normalization/repeating-group the form has exactly two fixed slots`" + `.`,
	Run: func(pass *Pass) {
		for _, t := range pass.Schema.Tables {
			for _, g := range repeatingGroups(t) {
				names := make([]string, len(g))
				for i, c := range g {
					names[i] = strconv.Quote(c.Name)
				}
				if len(names) > 4 {
					names = []string{names[0], names[1], "…", names[len(names)-1]}
				}
				pass.Reportf(pass.Loc(g[0].Site), nil, "columns %s repeat one attribute: move them to a child table with one row per value",
					strings.Join(names, ", "))
			}
		}
	},
}

// repeatingGroups returns the groups of columns of t that differ only by a
// trailing number, each in source order. The numbers must look like slots:
// the lowest is 0 or 1 and the highest at most one more than the number of
// columns, so that sha1 and sha256 or p50, p95 and p99 are no group.
func repeatingGroups(t *model.Table) [][]*model.Column {
	type group struct {
		base   string
		cols   []*model.Column
		lo, hi int
	}
	groups := map[string]*group{}
	var order []string
	for _, c := range t.Columns {
		base, n, ok := numbered(c.Name)
		if c.Incomplete || !ok {
			continue
		}
		key := base + " " + c.Type.String()
		g := groups[key]
		if g == nil {
			g = &group{base: base, lo: n, hi: n}
			groups[key] = g
			order = append(order, key)
		}
		g.cols = append(g.cols, c)
		g.lo, g.hi = min(g.lo, n), max(g.hi, n)
	}
	var out [][]*model.Column
	for _, key := range order {
		g := groups[key]
		// An unnumbered column is the first slot when the numbers start at
		// 2: phone, phone2. Beside sha1, sha is something else.
		if u := t.Column(g.base); g.lo == 2 && u != nil && !u.Incomplete && u.Type.Equal(g.cols[0].Type) {
			g.cols, g.lo = append(g.cols, u), 1
		}
		if len(g.cols) < 2 || g.lo > 1 || g.hi > len(g.cols)+1 {
			continue
		}
		slices.SortFunc(g.cols, func(a, b *model.Column) int { return a.Site.Span.Start - b.Site.Span.Start })
		out = append(out, g.cols)
	}
	return out
}

// digitWords are words that take a number as part of their name (sha256,
// utf8, ipv6, oauth2, base64), and line, of the address_line1 convention.
var digitWords = map[string]bool{
	"sha": true, "md": true, "crc": true, "utf": true, "ucs": true, "ipv": true, "ip": true,
	"oauth": true, "base": true, "int": true, "float": true, "http": true, "tls": true,
	"pbkdf": true, "blake": true, "iso": true, "line": true,
}

// numbered splits a column name into a base and a trailing number:
// phone2 -> phone, 2; address_1 -> address, 1. It reports false when the
// name has no trailing number or the digits belong to the word: the last
// word of the base must have two letters at least (not x1, v2) and not be
// one of digitWords.
func numbered(name string) (base string, n int, ok bool) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i == len(name) {
		return "", 0, false
	}
	n, err := strconv.Atoi(name[i:])
	base = strings.TrimSuffix(name[:i], "_")
	word := base[strings.LastIndexByte(base, '_')+1:]
	if err != nil || len(word) < 2 || digitWords[strings.ToLower(word)] || strings.ContainsAny(word, "0123456789") {
		return "", 0, false
	}
	return base, n, true
}
