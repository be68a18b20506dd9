package lang_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/lang"
)

// TestFormatGolden formats every testdata/format/*.input.dbspec and compares
// the result with the matching .golden.dbspec (go test -update rewrites it).
func TestFormatGolden(t *testing.T) {
	inputs, err := filepath.Glob("../testdata/format/*.input.dbspec")
	require.NoError(t, err)
	require.NotEmpty(t, inputs)
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			require.NoError(t, err)
			got := lang.Format(lang.Parse(in, string(src)))
			golden := strings.Replace(in, ".input.", ".golden.", 1)
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
			assert.Equal(t, got, lang.Format(lang.Parse(in, got)), "formatting is idempotent")
		})
	}
}

func TestFormatKeepsBrokenDeclarationsVerbatim(t *testing.T) {
	src := "table ok {\nid uuid pk\n}\n\ntable bad {\n     id uuid pk frob\n}\n"
	got := lang.Format(lang.Parse("x.dbspec", src))
	assert.Equal(t, "table ok {\n  id uuid pk\n}\n\ntable bad {\n     id uuid pk frob\n}\n", got)
}

func TestFormatEmptyFile(t *testing.T) {
	assert.Equal(t, "", lang.Format(lang.Parse("x.dbspec", "")))
	assert.Equal(t, "", lang.Format(lang.Parse("x.dbspec", "\n\n  \n")))
}
