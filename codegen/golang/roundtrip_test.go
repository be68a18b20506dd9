package golang_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dbspec/dbspec/codegen/golang"
	"github.com/dbspec/dbspec/codegen/pgtest"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// roundTrip inserts rows with SQL, reads them back into the generated
// structs with pgx.RowToStructByName and compares every field, NULLs
// included. It runs as a program of its own module, built against the
// generated package and the real pgx and uuid modules.
const roundTrip = `package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"strings"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	db "example.com/roundtrip/db"
)

func check(what string, got, want any) {
	if !reflect.DeepEqual(got, want) {
		fmt.Printf("%s: got %#v, want %#v\n", what, got, want)
		os.Exit(1)
	}
}

func must(err error) {
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}

func main() {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv("DSN"))
	must(err)
	defer conn.Close(ctx)

	ann, bob := uuid.New(), uuid.New()
	hash := "argon2id$x"
	_, err = conn.Exec(ctx, "INSERT INTO users (id, email, password_hash, is_admin) VALUES ($1, 'Ann@example.com', $2, true), ($3, 'bob@example.com', NULL, false)", ann, hash, bob)
	must(err)
	rows, err := conn.Query(ctx, "SELECT * FROM users ORDER BY email")
	must(err)
	users, err := pgx.CollectRows(rows, pgx.RowToStructByName[db.User])
	must(err)
	check("users", len(users), 2)
	check("ann id", users[0].ID, ann)
	check("ann email", users[0].Email, "Ann@example.com")
	check("ann hash", users[0].PasswordHash, &hash)
	check("ann admin", users[0].IsAdmin, true)
	check("bob hash", users[1].PasswordHash, (*string)(nil))
	check("bob deleted", users[1].DeletedAt == nil, true)
	check("created", users[0].CreatedAt.IsZero(), false)

	doc := uuid.New()
	_, err = conn.Exec(ctx, "INSERT INTO documents (id, owner_id, title, metadata) VALUES ($1, $2, 'Café', '{\"lang\": \"fr\"}')", doc, ann)
	must(err)
	rows, err = conn.Query(ctx, "SELECT * FROM documents")
	must(err)
	docs, err := pgx.CollectRows(rows, pgx.RowToStructByName[db.Document])
	must(err)
	check("title", docs[0].Title, "Café")
	check("previous version", docs[0].PreviousVersionID, (*uuid.UUID)(nil))
	check("version", docs[0].VersionNumber, int32(1))
	var meta map[string]string
	must(json.Unmarshal(docs[0].Metadata, &meta))
	check("metadata", meta, map[string]string{"lang": "fr"})

	_, err = conn.Exec(ctx, "INSERT INTO shares (document_id, user_id, permission, granted_by_id) VALUES ($1, $2, $3, $4)", doc, bob, db.PermissionEditor, ann)
	must(err)
	rows, err = conn.Query(ctx, "SELECT * FROM shares")
	must(err)
	shares, err := pgx.CollectRows(rows, pgx.RowToStructByName[db.Share])
	must(err)
	check("permission", shares[0].Permission, db.PermissionEditor)
	check("valid", shares[0].Permission.Valid(), true)
	check("granted by", *shares[0].GrantedByID, ann)
	check("expires", shares[0].ExpiresAt == nil, true)

	var log strings.Builder
	slog.New(slog.NewTextHandler(&log, nil)).Info("user", "u", users[0])
	if strings.Contains(log.String(), "Ann@example.com") || !strings.Contains(log.String(), "[redacted]") {
		fmt.Println("PII leaked into the log:", log.String())
		os.Exit(1)
	}
	fmt.Println("ok")
}
`

func TestRoundTripWithPgx(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module and needs PostgreSQL")
	}
	conn := pgtest.Connect(t)
	s, err := model.Load("../../testdata/examples/documents", nil, nil)
	require.NoError(t, err)
	_, err = conn.Exec(context.Background(), postgres.Schema(s))
	require.NoError(t, err)

	mod := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(mod, "db"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/roundtrip\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(mod, "db", "schema.go"), golang.Generate(s), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(mod, "main.go"), []byte(roundTrip), 0o644))
	for _, args := range [][]string{{"mod", "tidy"}, {"run", "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "DSN="+conn.Config().ConnString())
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %v:\n%s", args, out)
		if args[0] == "run" {
			require.Equal(t, "ok\n", string(out))
		}
	}
}
