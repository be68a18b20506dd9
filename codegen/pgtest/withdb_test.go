package pgtest

import "testing"

func TestWithDatabase(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:p@h:5433/main?sslmode=disable": "postgres://u:p@h:5433/db1?sslmode=disable",
		"postgresql://h/": "postgresql://h/db1",
		"host=/tmp/x user=postgres dbname=postgres": "host=/tmp/x user=postgres dbname=postgres dbname=db1",
	} {
		if got := withDatabase(in, "db1"); got != want {
			t.Errorf("withDatabase(%q) = %q, want %q", in, got, want)
		}
	}
}
