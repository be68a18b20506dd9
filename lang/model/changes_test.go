package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

func schemaOf(src string) *model.Schema {
	return model.Build("/s", []*lang.File{lang.Parse("/s/a.dbspec", src)})
}

func TestDiff(t *testing.T) {
	old := schemaOf(`enum kind { a b }
table owners global {
  id   uuid pk
  nick text
  age  int
}
table gone global {
  id uuid pk
}
`)
	new := schemaOf(`enum kind { a b c }
enum extra { x }
table people renamed_from owners global {
  id           uuid pk
  display_name text renamed_from nick
  age          bigint?
  email        text
}
table added global {
  id uuid pk
}
`)
	c := model.Diff(old, new)
	assert.Equal(t, model.Changes{
		TablesAdded: 1, TablesDropped: 1, TablesChanged: 1,
		ColumnsAdded: 1, ColumnsChanged: 2,
		EnumsAdded: 1, EnumsChanged: 1,
	}, c)
	assert.Equal(t, "+1 table, -1 table, ~1 table, +1 column, ~2 columns, +1 enum, ~1 enum", c.String())
	assert.Equal(t, "", model.Diff(new, new).String())
	assert.Equal(t, "+2 tables, +2 enums", model.Diff(nil, new).String())
}
