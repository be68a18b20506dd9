// Package pgtest gives tests a PostgreSQL database of their own.
//
// A test binary that uses it starts one throwaway cluster, on first use:
// initdb into a temporary directory, then the postgres server listening on a
// unix socket in that directory only (no TCP port). Every test gets a new
// database in it, and the cluster and its directory are removed when the
// tests end. Wire it up in TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// and call Connect in a test. When DBSPEC_TEST_DATABASE_URL is set, the
// databases are created on that server instead (the URL's role needs
// CREATEDB). Without either, the tests that need a database are skipped,
// except in CI (CI=true), where they fail.
//
// Should the test binary die without stopping the cluster (a test timeout,
// a signal), the kernel stops the server (Linux), but the cluster's
// temporary directory, dbspec-pgtest-*, stays behind.
//
// When the tests run as root (as in CI containers), which initdb refuses,
// the cluster runs as the postgres OS user.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable with the URL of an existing server
// to use instead of a throwaway cluster.
const EnvURL = "DBSPEC_TEST_DATABASE_URL"

var (
	mainCalled bool
	once       sync.Once
	srv        *server // nil when no server could be had
	srvErr     error
)

// Main runs the tests of m and then stops the cluster, if a test started
// one. Call it from TestMain; it does not return.
func Main(m *testing.M) {
	mainCalled = true
	code := m.Run()
	if srv != nil {
		if err := srv.close(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// Connect creates an empty database (UTF8, locale C) for the test and
// returns a connection to it as a superuser, or as the role of
// DBSPEC_TEST_DATABASE_URL. The connection is closed and the database
// dropped when the test ends. conn.Config().ConnString() connects to the
// same database. Without a server Connect skips the test, or fails it in CI.
func Connect(t testing.TB) *pgx.Conn {
	t.Helper()
	if !mainCalled {
		t.Fatal("pgtest: call pgtest.Main(m) from TestMain, so that the cluster is stopped at the end")
	}
	once.Do(func() { srv, srvErr = start() })
	switch {
	case srvErr == nil:
	case os.Getenv(EnvURL) != "":
		t.Fatalf("pgtest: %v", srvErr)
	case os.Getenv("CI") == "true":
		t.Fatalf("pgtest: no PostgreSQL in CI: %v", srvErr)
	default:
		t.Skipf("pgtest: no PostgreSQL (install it, or set %s): %v", EnvURL, srvErr)
	}
	ctx := context.Background()
	name, err := srv.createDatabase(ctx)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	conn, err := pgx.Connect(ctx, withDatabase(srv.url, name))
	if err != nil {
		t.Fatalf("pgtest: connect to %s: %v", name, err)
	}
	t.Cleanup(func() {
		conn.Close(ctx)
		if err := srv.dropDatabase(ctx, name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return conn
}

// withDatabase returns the connection string connStr (a URL or keyword/value
// pairs) with the database replaced by name.
func withDatabase(connStr, name string) string {
	if u, err := url.Parse(connStr); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		return u.String()
	}
	return connStr + " dbname=" + name // the last value of a key wins
}

// server is the cluster (or external server) the databases are created on.
type server struct {
	url   string    // connection string of the maintenance database
	admin *pgx.Conn // connected to url; guarded by mu
	mu    sync.Mutex
	tag   string // in the names of the databases of this test binary
	n     int    // databases created so far

	dir  string    // the temporary directory of a throwaway cluster, or ""
	proc *exec.Cmd // its postmaster
	done chan error
}

func start() (*server, error) {
	ctx := context.Background()
	if u := os.Getenv(EnvURL); u != "" {
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvURL, err)
		}
		return &server{url: u, admin: conn, tag: randomTag()}, nil
	}
	return startCluster(ctx)
}

func (s *server) createDatabase(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	name := fmt.Sprintf("pgtest_%s_%d", s.tag, s.n)
	_, err := s.admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
	if err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return name, nil
}

func (s *server) dropDatabase(ctx context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database: %w", err)
	}
	return nil
}

// randomTag tells apart the databases of test binaries that share a server.
func randomTag() string { return fmt.Sprintf("%08x", rand.Uint32()) }

// startCluster runs initdb and starts a postmaster as a child process.
func startCluster(ctx context.Context) (_ *server, err error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	cred, err := credential()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "dbspec-pgtest-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	if cred != nil {
		if err := os.Chown(dir, int(cred.uid), int(cred.gid)); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = sysProcAttr(cred)
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}

	logPath := filepath.Join(dir, "postgres.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child has its own descriptor
	const port = "5432"   // on the private socket directory, so no clash with other servers
	proc := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir, "-p", port,
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	proc.Stdout, proc.Stderr = logFile, logFile
	proc.SysProcAttr = sysProcAttr(cred)
	if err := proc.Start(); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &server{dir: dir, proc: proc, done: make(chan error, 1), tag: randomTag(),
		url: fmt.Sprintf("host=%s port=%s user=postgres dbname=postgres sslmode=disable", dir, port)}
	go func() { s.done <- proc.Wait() }()

	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := pgx.Connect(ctx, s.url)
		if err == nil {
			s.admin = conn
			return s, nil
		}
		select {
		case werr := <-s.done:
			log, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("postgres exited (%v) before accepting connections:\n%s", werr, log)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.close()
			return nil, fmt.Errorf("postgres did not accept connections within 30s: %w", err)
		}
	}
}

// close stops the postmaster (fast shutdown: connections are closed) and
// removes the cluster's directory.
func (s *server) close() error {
	if s.admin != nil {
		s.admin.Close(context.Background())
	}
	if s.proc == nil {
		return nil
	}
	var errs []error
	if err := s.proc.Process.Signal(os.Interrupt); err != nil {
		errs = append(errs, err)
	}
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.proc.Process.Kill()
		<-s.done
		errs = append(errs, errors.New("postgres did not stop within 10s; killed"))
	}
	return errors.Join(append(errs, os.RemoveAll(s.dir))...)
}

// findBin returns the directory of initdb and postgres: the one of initdb
// on PATH, or the newest /usr/lib/postgresql/*/bin (Debian keeps them off
// PATH).
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if p, err = filepath.EvalSymlinks(p); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	best, bestVersion := "", -1
	for _, d := range dirs {
		v, err := strconv.Atoi(filepath.Base(filepath.Dir(d)))
		if err != nil || v <= bestVersion {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			best, bestVersion = d, v
		}
	}
	if best == "" {
		return "", errors.New("initdb is neither on PATH nor in /usr/lib/postgresql/*/bin")
	}
	return best, nil
}

// account is an OS user to run the cluster as.
type account struct{ uid, gid uint32 }

// credential returns the user to run the cluster as: nil for the current
// user, the postgres OS user when running as root.
func credential() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and initdb refuses root: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("user postgres: %w", err)
	}
	return &account{uint32(uid), uint32(gid)}, nil
}
