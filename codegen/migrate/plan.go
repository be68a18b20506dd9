package migrate

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// Plan returns the migrations that take a database from old to new, in
// order: a migration of its own for each index that is dropped from a table
// that stays (DROP INDEX CONCURRENTLY), then one transactional migration
// with every other step, then a migration of its own for each index that is
// added to a table that existed before (CREATE INDEX CONCURRENTLY). Neither
// statement can run in a transaction, so those migrations are NoTransaction.
// old is nil for an empty database. Plan of two equal schemas is empty.
//
// Every statement is the one postgres.Schema writes for the object, so that
// applying the plan to a database with the schema old gives the catalog of
// postgres.Schema(new). Tables and columns are matched by name, or by the
// name their renamed_from gives (see match); constraints, indexes,
// policies and triggers by their definition, so that one that differs only
// in its name is renamed rather than rebuilt.
//
// The transactional migration runs its steps in this order (the phase
// constants): the citext extension, the updated_at trigger function and the
// bypass role; policies dropped and row-level security disabled; triggers
// dropped; foreign keys dropped; checks, unique and primary keys dropped
// (and indexes rebuilt in the transaction); columns dropped; tables
// dropped; enums created or changed; tables renamed; their constraints,
// indexes, policies, triggers and serial sequences renamed; tables created
// (with their keys, checks, indexes, comments, trigger and row-level
// security, as Schema writes them); columns renamed; defaults dropped
// before a type change; column types changed; columns added; defaults set;
// NOT NULL set or dropped; enums dropped; checks, unique and primary keys
// added; indexes built in the transaction; foreign keys added; comments;
// triggers; row-level security enabled and policies created; and last the
// trigger function dropped when no table needs it any more. Drops come
// first and renames before creates, so that nothing depends on what is
// dropped and no name is taken when something is created; foreign keys
// come last so that the keys they reference exist. A foreign key added to a
// table that exists is added NOT VALID and validated in a migration of its
// own after the transaction, so that checking the existing rows does not
// block writes to both tables.
//
// Down is the inverse of up: the inverse of each step, in the reverse
// order, and the migrations in the reverse order. Dropping a table or a
// column loses its data: the down migration re-creates it empty, after a
// comment "-- dbspec: cannot restore the data of ...".
//
// A column that is added NOT NULL without a default to a table that exists
// is added nullable, followed by the comment "-- backfill <column> here"
// and SET NOT NULL: the migration fails at SET NOT NULL unless the user
// fills the column in at the comment (or the table is empty). This is the
// sequence for tenancy added to a table: the tenant column added nullable,
// the backfill, SET NOT NULL, then the foreign key to the tenant root, then
// row-level security and the policies (enabled after the backfill, which
// the policies would hide the rows from), and the index on the tenant
// column built concurrently once the transaction has committed.
//
// Enums: see planEnums.
func Plan(old, new *model.Schema) []Migration {
	if old == nil {
		old = model.Build("", nil)
	}
	p := newPlanner(old, new)
	p.planShared()
	p.planEnums()
	p.planTables()
	p.planColumns()
	p.planRowLevelSecurity()
	p.planObjects()
	p.planComments()
	return p.migrations()
}

// phase orders the steps of the transactional migration; see Plan.
type phase int

const (
	phaseShared phase = iota
	phaseDropPolicies
	phaseDropTriggers
	phaseDropForeignKeys
	phaseDropConstraints
	phaseDropColumns
	phaseDropTables
	phaseEnums
	phaseRenameTables
	phaseRenameObjects
	phaseCreateTables
	phaseRenameColumns
	phaseDropDefaults
	phaseAlterTypes
	phaseAddColumns
	phaseSetDefaults
	phaseNullability
	phaseDropEnums
	phaseConstraints
	phaseIndexes
	phaseForeignKeys
	phaseComments
	phaseTriggers
	phaseRowLevelSecurity
	phaseDropShared
)

// step is one change of the transactional migration: its statements and
// the statements that revert it, either possibly empty (a change some
// steps need in one direction only).
type step struct {
	phase    phase
	up, down string
}

// planner collects the steps from old to new.
type planner struct {
	old, new *model.Schema
	// od renders the old schema and nd the new one; ov renders the old
	// schema with the names new gives its renamed tables and columns, so
	// that its objects compare with those of nd.
	od, ov, nd *postgres.DDL

	tables  []tablePair    // the tables of both, in new order
	dropped []*model.Table // the old tables new has not, in old order
	created []*model.Table // the new tables old had not, in new order

	// continues maps each old table that stays to the new table.
	continues map[*model.Table]*model.Table
	// sameTenancy says the tenancy settings do not change.
	sameTenancy bool
	// recreated says in which directions an enum is re-created, by name,
	// and retyped which columns (old and new) change type (see planEnums).
	recreated map[string]directions
	retyped   map[*model.Column]directions
	// rekeyed marks the tables (old and new) that lose a primary or unique
	// key: the foreign keys that reference them are dropped and re-added.
	rekeyed map[*model.Table]bool

	steps     []step
	renames   []rename    // added to the steps last, in order (addRenames)
	pre, post []Migration // the migrations before and after the transaction
}

// directions says whether something happens going up, going down, or both.
type directions struct{ up, down bool }

func (d directions) any() bool { return d.up || d.down }

// or is d or e: each direction of either.
func (d directions) or(e directions) directions { return directions{d.up || e.up, d.down || e.down} }

func newPlanner(old, new *model.Schema) *planner {
	p := &planner{
		old: old, new: new,
		od: postgres.NewDDL(old), nd: postgres.NewDDL(new),
		recreated: map[string]directions{}, retyped: map[*model.Column]directions{}, rekeyed: map[*model.Table]bool{},
	}
	p.match()
	p.sameTenancy = sameTenancy(old, new)
	p.ov = p.od
	if r := p.renamed(); len(r.Tables)+len(r.Columns) > 0 {
		p.ov = p.od.Renamed(r)
	}
	return p
}

// add adds a step; a step with no statements is left out.
func (p *planner) add(ph phase, up, down string) {
	if up != "" || down != "" {
		p.steps = append(p.steps, step{ph, up, down})
	}
}

// migrations assembles the plan.
func (p *planner) migrations() []Migration {
	p.addRenames()
	out := slices.Clone(p.pre)
	if len(p.steps) > 0 {
		slices.SortStableFunc(p.steps, func(a, b step) int { return int(a.phase) - int(b.phase) })
		up := joinSQL(p.steps, func(s step) string { return s.up })
		slices.Reverse(p.steps)
		out = append(out, Migration{Up: up, Down: joinSQL(p.steps, func(s step) string { return s.down })})
	}
	return append(out, p.post...)
}

// joinSQL joins the statements sql gives for each step, one step a line,
// with a blank line between two steps of different phases or where either
// has several lines (a table, a function); empty steps are left out. The
// text ends in a line break.
func joinSQL(steps []step, sql func(step) string) string {
	var b strings.Builder
	var last step
	lastLong := false
	for _, s := range steps {
		text := strings.TrimSuffix(sql(s), "\n")
		if text == "" {
			continue
		}
		long := strings.Contains(text, "\n")
		if b.Len() > 0 && (s.phase != last.phase || long || lastLong) {
			b.WriteByte('\n')
		}
		b.WriteString(text)
		b.WriteByte('\n')
		last, lastLong = s, long
	}
	return b.String()
}
