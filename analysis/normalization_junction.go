package analysis

import (
	"slices"
	"strings"

	"github.com/dbspec/dbspec/lang/model"
)

// The junction table that normalization/list-in-column extracts.

// junctionFix moves the list in column c of owner into a new junction table
// declared right after owner: one row per item, with the owner's key, the
// item (a reference to ref when it is not nil), the tenant column when the
// rows belong to a tenant, and the standard timestamps. It returns nil when
// the junction cannot be written cleanly.
func junctionFix(pass *Pass, owner *model.Table, c *model.Column, item string, ids bool, ref *model.Table) *Fix {
	tn := tenantScope(pass)
	opk, del := singlePK(owner), deleteColumn(pass, c)
	if opk == nil || del == nil || owner.Chunk.Close < 0 {
		return nil
	}
	j, ownerCol, itemCol := newJunction(pass, owner, opk, item, ids, ref)
	if j == nil {
		return nil
	}
	scoped := tn != nil && (pass.IsTenant(owner) || owner.Name == tn.Root || ref != nil && pass.IsTenant(ref))
	tenantFirst := scoped && ownerCol != tn.Column // else the owner's key is the tenant column
	var pk []string
	if tenantFirst {
		root := pass.Schema.Table(tn.Root)
		rootPK := singlePK(root)
		if rootPK == nil {
			return nil
		}
		j.nt.columns = append(j.nt.columns, [3]string{tn.Column, referencingType(rootPK.Type).String(), "-> " + root.Name + "." + rootPK.Name + " on delete cascade"})
		pk = append(pk, tn.Column)
	}
	j.nt.global = tn != nil && !scoped
	j.reference(owner, opk, ownerCol, scoped)
	itemIndex := []string{itemCol}
	if ref != nil {
		if j.reference(ref, singlePK(ref), itemCol, scoped) {
			itemIndex = []string{tn.Column, itemCol}
		}
	} else {
		elem := c.Type
		elem.Dims = 0
		attrs := ""
		if c.PII || piiKind(peopleTable(j.nt.name), itemCol, elem, pass.Schema.EnumOf(c) != nil) != "" {
			attrs = "pii"
		}
		j.nt.columns = append(j.nt.columns, [3]string{itemCol, elem.String(), attrs})
		if tenantFirst {
			itemIndex = []string{tn.Column, itemCol}
		}
	}
	j.nt.columns = append(j.nt.columns,
		[3]string{"created_at", "timestamptz", "default(now())"},
		[3]string{"updated_at", "timestamptz", "default(now())"})
	pk = append(pk, ownerCol, itemCol)
	j.nt.clauses = append([]string{"pk (" + strings.Join(pk, ", ") + ")"}, j.fks...)
	if !isPrefix(itemIndex, pk) {
		j.nt.clauses = append(j.nt.clauses, "index ("+strings.Join(itemIndex, ", ")+")")
	}
	edits := append([]model.Edit{insertAfter(pass, owner, j.nt)}, del...)
	return &Fix{Title: "Extract junction table", Edits: append(edits, j.edits...)}
}

// newJunction names the junction table of owner's list of item (task_tags)
// and its two key columns (task_id and tag, or member_id for a list of
// ids). It returns a nil junction when a name is taken or not allowed.
func newJunction(pass *Pass, owner *model.Table, opk *model.Column, item string, ids bool, ref *model.Table) (j *junction, ownerCol, itemCol string) {
	tn := tenantScope(pass)
	ownerNoun := model.Singular(owner.Name)
	name := tableNameFor(pass.Schema, ownerNoun+"_"+item)
	ownerCol = ownerNoun + "_" + opk.Name
	if tn != nil && owner.Name == tn.Root {
		ownerCol = tn.Column
	}
	itemCol = item
	switch {
	case ref != nil:
		itemCol = item + "_" + singlePK(ref).Name
	case ids:
		itemCol = item + "_id"
	}
	taken := []string{ownerCol, "created_at", "updated_at"}
	if tn != nil {
		taken = append(taken, tn.Column)
	}
	if pass.Schema.Table(name) != nil || slices.Contains(taken, itemCol) || !goodName("", name) || !goodName("", itemCol) {
		return nil, "", ""
	}
	doc := "The " + strings.ReplaceAll(model.Plural(item), "_", " ") + " of each " +
		strings.ReplaceAll(ownerNoun, "_", " ") + ", one row each."
	return &junction{pass: pass, nt: &newTable{name: name, doc: doc}}, ownerCol, itemCol
}

// junction collects the parts of a junction table under construction.
type junction struct {
	pass  *Pass
	nt    *newTable
	fks   []string     // fk clauses
	edits []model.Edit // edits to the referenced tables
}

// reference adds column col referencing target's key column key. In a
// tenant-scoped junction, a reference to a tenant table goes through a
// composite foreign key with the tenant column, so that a row cannot point
// into another tenant, and the target gets the unique (tenant, key) that
// the foreign key needs; reference then reports true.
func (j *junction) reference(target *model.Table, key *model.Column, col string, scoped bool) bool {
	tn := tenantScope(j.pass)
	var tenantCol *model.Column
	if scoped && j.pass.IsTenant(target) {
		tenantCol = target.Column(tn.Column)
	}
	if tenantCol == nil {
		j.nt.columns = append(j.nt.columns, [3]string{col, referencingType(key.Type).String(), "-> " + target.Name + "." + key.Name + " on delete cascade"})
		return false
	}
	j.nt.columns = append(j.nt.columns, [3]string{col, referencingType(key.Type).String(), ""})
	j.fks = append(j.fks, "fk ("+tn.Column+", "+col+") -> "+target.Name+" ("+tn.Column+", "+key.Name+") on delete cascade")
	if !isUniqueKey(target, tenantCol, key) {
		j.edits = append(j.edits, appendToTable(j.pass, target, "unique ("+tn.Column+", "+key.Name+")"))
	}
	return true
}

// isPrefix reports whether a is a prefix of b.
func isPrefix(a, b []string) bool { return len(a) <= len(b) && slices.Equal(a, b[:len(a)]) }
