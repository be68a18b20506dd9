package erd_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/erd"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMarkdown(t *testing.T) {
	src := `project shop {
  dialect postgres
}

table users global {
  id    uuid pk
  email text unique
  name  text
}

table profiles global {
  user_id uuid pk -> users.id on delete cascade
  bio     text
}

table orders global {
  id       uuid          pk
  buyer_id uuid          -> users.id on delete restrict
  coupon   text?         -> coupons.code on delete set null
  total    numeric(12,2)
  tags     text[]

  index (buyer_id)
  index (coupon)
}

table coupons global {
  code text pk
}
`
	s := model.Build("", []*lang.File{lang.Parse("shop.dbspec", src)})
	require.Empty(t, s.Diagnostics)
	assert.Equal(t, erd.Header+"\n\n# Schema shop\n\n```mermaid\nerDiagram\n"+
		"  users {\n    uuid id PK\n    text email UK\n  }\n"+
		"  profiles {\n    uuid user_id PK, FK\n  }\n"+
		"  orders {\n    uuid id PK\n    uuid buyer_id FK\n    text coupon FK\n  }\n"+
		"  coupons {\n    text code PK\n  }\n"+
		"  profiles |o--|| users : \"user_id\"\n"+
		"  orders }o--|| users : \"buyer_id\"\n"+
		"  orders }o--o| coupons : \"coupon\"\n"+
		"```\n", erd.Markdown(s))
}

func TestExamplesGolden(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/examples/*")
	require.NoError(t, err)
	for _, dir := range dirs {
		s, err := model.Load(dir, nil, nil)
		require.NoError(t, err)
		golden := filepath.Join("testdata", filepath.Base(dir)+".md")
		got := erd.Markdown(s)
		if *update {
			require.NoError(t, os.MkdirAll("testdata", 0o755))
			require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.Equal(t, string(want), got)
	}
}
