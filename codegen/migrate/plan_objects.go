package migrate

import (
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
	"strings"
)

// planObjects plans the named objects of the tables: primary keys, unique
// keys, checks, indexes, policies, triggers and foreign keys. An object of
// a table that stays matches an object of its new version with the same
// definition (the old one rendered with the new names of renamed tables and
// columns): it is renamed if its name changed, and left alone otherwise.
// The others are dropped and created. Foreign keys come last, as they
// depend on the keys (rekeyed).
//
// Some objects that match are dropped and created again all the same,
// "forced", in the direction that needs it: the checks and index
// predicates that involve a re-created enum (planEnums), and the foreign
// keys whose columns, or the columns they reference, change type or whose
// target table loses a key. A table whose declaration is the same in both
// schemas has nothing else to plan (sameDeclaration), and is skipped.
func (p *planner) planObjects() {
	same := make([]bool, len(p.tables))
	for i := range p.tables {
		tp := &p.tables[i]
		if same[i] = p.sameDeclaration(tp); same[i] && !p.forcesAny(p.old, tp.old) && !p.forcesAny(p.new, tp.new) {
			continue
		}
		p.diffKind(tp, (*postgres.DDL).Constraints)
		p.diffKind(tp, (*postgres.DDL).Indexes)
		p.diffKind(tp, (*postgres.DDL).Policies)
		p.diffKind(tp, trigger)
	}
	for _, t := range p.dropped {
		for _, fk := range p.od.ForeignKeys(t) {
			p.dropObject(fk)
		}
	}
	for i := range p.tables {
		if tp := &p.tables[i]; !p.sameForeignKeys(tp, same[i]) {
			p.diffKind(tp, (*postgres.DDL).ForeignKeys)
		}
	}
	for _, t := range p.created {
		for _, fk := range p.nd.ForeignKeys(t) {
			p.create(fk, dropObject(fk, false), false)
		}
	}
}

// diffKind plans the objects of one kind, as objects renders them, of
// table pair tp. The old table's objects are rendered again with the new
// names only when something is renamed.
func (p *planner) diffKind(tp *tablePair, objects func(*postgres.DDL, *model.Table) []postgres.Object) {
	olds := objects(p.od, tp.old)
	views := olds
	if p.ov != p.od {
		views = objects(p.ov, tp.old)
	}
	p.diffObjects(tp, olds, views, objects(p.nd, tp.new))
}

// trigger is the updated_at trigger of t in d, as a list of none or one.
func trigger(d *postgres.DDL, t *model.Table) []postgres.Object {
	if o, ok := d.Trigger(t); ok {
		return []postgres.Object{o}
	}
	return nil
}

// diffObjects plans the objects of one kind of table pair tp: olds in the
// old schema, views the same rendered with the new names, news in the new
// schema.
func (p *planner) diffObjects(tp *tablePair, olds, views, news []postgres.Object) {
	if len(olds) == 0 && len(news) == 0 {
		return
	}
	byDef := make(map[string][]int, len(news))
	for j, n := range news {
		byDef[signature(n)] = append(byDef[signature(n)], j)
	}
	matched := make([]bool, len(news))
	for i, o := range olds {
		key := signature(views[i])
		js := byDef[key]
		if len(js) == 0 {
			p.dropObject(o)
			p.dropsKey(tp, o)
			continue
		}
		j := js[0]
		byDef[key], matched[j] = js[1:], true
		p.keepObject(tp, o, news[j])
	}
	for j, n := range news {
		if !matched[j] {
			p.addObject(n)
		}
	}
}

// signature is what makes two objects of a table the same object.
func signature(o postgres.Object) string {
	if o.UniqueIndex {
		return "UNIQUE " + o.Def
	}
	return o.Def
}

// keepObject plans object o of the old schema that continues as n.
func (p *planner) keepObject(tp *tablePair, o, n postgres.Object) {
	f := p.forced(p.old, tp.old, o).or(p.forced(p.new, tp.new, n))
	renamed := o.Name != n.Name
	switch {
	case !f.any():
		if renamed {
			p.rename(phaseRenameObjects, space(n), o.Name, n.Name, func(from, to string) string { return renameObject(n, from, to) })
		}
		if o.Doc != n.Doc { // a renamed object keeps its comment
			p.add(phaseComments, n.Comment(n.Doc), n.Comment(o.Doc))
		}
	case renamed || f.up && f.down:
		p.add(dropPhase(o), dropObject(o, false), withComment(o))
		p.create(n, dropObject(n, false), true)
		p.dropsKey(tp, o)
	case f.up:
		p.add(dropPhase(o), dropObject(o, false), "")
		p.create(n, "", true)
		p.dropsKey(tp, o)
	default:
		p.add(dropPhase(o), "", withComment(o))
		p.add(addPhase(n), "", dropObject(n, false))
		p.dropsKey(tp, o)
	}
}

// withComment is the statement that creates o, followed by the one that
// sets its comment when its clause has a doc comment.
func withComment(o postgres.Object) string {
	if o.Doc == "" {
		return o.Create(false)
	}
	return o.Create(false) + "\n" + o.Comment(o.Doc)
}

// dropsKey marks the tables of tp as losing a key when o is one.
func (p *planner) dropsKey(tp *tablePair, o postgres.Object) {
	if o.Kind == postgres.PrimaryKey || o.Kind == postgres.Unique {
		p.rekeyed[tp.old], p.rekeyed[tp.new] = true, true
	}
}

// forced says in which directions object o of table t of s must be dropped
// and created again although it does not change.
func (p *planner) forced(s *model.Schema, t *model.Table, o postgres.Object) directions {
	switch src := o.Source.(type) {
	case *model.Expr: // a check
		return p.forcedExpr(s, t, src)
	case *model.Key: // a partial unique key
		if src.Where != nil {
			return p.forcedExpr(s, t, src.Where)
		}
	case *model.Index:
		if src.Where != nil {
			return p.forcedExpr(s, t, src.Where)
		}
	case *model.ForeignKey:
		if p.rekeyed[s.RefTable(src)] {
			return directions{true, true}
		}
		var d directions
		for _, cols := range [][]*model.Column{src.Columns, s.RefColumns(src)} {
			for _, c := range cols {
				d = d.or(p.retyped[c])
			}
		}
		return d
	}
	return directions{}
}

// dropObject plans dropping o and, going down, creating it again. An index
// is dropped concurrently, in a migration of its own before the
// transaction, and created concurrently after it going down.
func (p *planner) dropObject(o postgres.Object) {
	if o.Kind == postgres.Index {
		if o.Doc != "" { // going down, the comment comes back after the index
			p.pre = append(p.pre, Migration{Name: "uncomment_index_" + o.Name,
				Up: o.Comment("") + "\n", Down: o.Comment(o.Doc) + "\n"})
		}
		p.pre = append(p.pre, Migration{Name: "drop_index_" + o.Name,
			Up: dropObject(o, true) + "\n", Down: o.Create(true) + "\n", NoTransaction: true})
		return
	}
	p.add(dropPhase(o), dropObject(o, false), withComment(o))
}

// addObject plans creating o on a table that exists and, going down,
// dropping it. An index is created concurrently, in a migration of its own
// after the transaction; the indexes of a new table come with it.
func (p *planner) addObject(o postgres.Object) {
	if o.Kind == postgres.Index {
		p.post = append(p.post, Migration{Name: "create_index_" + o.Name,
			Up: o.Create(true) + "\n", Down: dropObject(o, true) + "\n", NoTransaction: true})
		if o.Doc != "" { // not in the migration above, which holds one statement
			p.post = append(p.post, Migration{Name: "comment_index_" + o.Name,
				Up: o.Comment(o.Doc) + "\n", Down: o.Comment("") + "\n"})
		}
		return
	}
	p.create(o, dropObject(o, false), true)
}

// create plans creating o, other than an index of a table that exists, and
// down going down. A foreign key on a table that exists (existing) is added
// NOT VALID (it checks new rows only, and holds its locks a moment), then
// validated in a migration of its own, which checks the existing rows while
// reads and writes go on.
func (p *planner) create(o postgres.Object, down string, existing bool) {
	if o.Kind != postgres.ForeignKey || !existing {
		p.add(addPhase(o), withComment(o), down)
		return
	}
	up := strings.TrimSuffix(o.Create(false), ";") + " NOT VALID;"
	if o.Doc != "" {
		up += "\n" + o.Comment(o.Doc)
	}
	p.add(phaseForeignKeys, up, down)
	p.post = append(p.post, Migration{Name: "validate_" + o.Name,
		Up:   "ALTER TABLE " + o.Table + " VALIDATE CONSTRAINT " + postgres.QuoteIdent(o.Name) + ";\n",
		Down: "-- dbspec: nothing to undo: the migration before drops the constraint\n"})
}

// dropPhase is the phase in which an object of o's kind is dropped.
func dropPhase(o postgres.Object) phase {
	switch o.Kind {
	case postgres.ForeignKey:
		return phaseDropForeignKeys
	case postgres.Policy:
		return phaseDropPolicies
	case postgres.Trigger:
		return phaseDropTriggers
	}
	return phaseDropConstraints
}

// addPhase is the phase in which an object of o's kind is created.
func addPhase(o postgres.Object) phase {
	switch o.Kind {
	case postgres.ForeignKey:
		return phaseForeignKeys
	case postgres.Index:
		return phaseIndexes
	case postgres.Policy:
		return phaseRowLevelSecurity
	case postgres.Trigger:
		return phaseTriggers
	}
	return phaseConstraints
}

// dropObject is the statement that drops o, an index concurrently if asked.
func dropObject(o postgres.Object, concurrently bool) string {
	name := postgres.QuoteIdent(o.Name)
	switch o.Kind {
	case postgres.Index:
		if concurrently {
			return "DROP INDEX CONCURRENTLY " + name + ";"
		}
		return "DROP INDEX " + name + ";"
	case postgres.Policy:
		return "DROP POLICY " + name + " ON " + o.Table + ";"
	case postgres.Trigger:
		return "DROP TRIGGER " + name + " ON " + o.Table + ";"
	}
	return "ALTER TABLE " + o.Table + " DROP CONSTRAINT " + name + ";"
}

// renameObject is the statement that renames o from one name to another.
func renameObject(o postgres.Object, from, to string) string {
	from, to = postgres.QuoteIdent(from), postgres.QuoteIdent(to)
	switch o.Kind {
	case postgres.Index:
		return "ALTER INDEX " + from + " RENAME TO " + to + ";"
	case postgres.Policy:
		return "ALTER POLICY " + from + " ON " + o.Table + " RENAME TO " + to + ";"
	case postgres.Trigger:
		return "ALTER TRIGGER " + from + " ON " + o.Table + " RENAME TO " + to + ";"
	}
	return "ALTER TABLE " + o.Table + " RENAME CONSTRAINT " + from + " TO " + to + ";"
}

// space is the namespace of o's name (see rename).
func space(o postgres.Object) string {
	switch o.Kind {
	case postgres.PrimaryKey, postgres.Unique, postgres.Index:
		return ""
	case postgres.Policy:
		return "policy " + o.Table
	case postgres.Trigger:
		return "trigger " + o.Table
	}
	return "constraint " + o.Table
}
