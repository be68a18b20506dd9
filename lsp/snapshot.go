package lsp

import (
	"path/filepath"
	"sync"
	"time"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang"
	"github.com/dbspec/dbspec/lang/model"
)

// Snapshot is the immutable state of one schema directory at one set of
// document versions: the model and its findings. Requests read the latest
// snapshot; a new one replaces it, never changes it.
type Snapshot struct {
	Dir         string
	Schema      *model.Schema
	History     *analysis.History // nil when the project keeps no migrations
	Diagnostics []analysis.Diagnostic

	ddlOnce     sync.Once
	ddl         *postgres.DDL
	pendingOnce sync.Once
	pending     string // the pending migration's summary
}

// DDL is the generated SQL of the snapshot's schema, made on first use.
func (snap *Snapshot) DDL() *postgres.DDL {
	snap.ddlOnce.Do(func() { snap.ddl = postgres.NewDDL(snap.Schema) })
	return snap.ddl
}

// schema is what the server keeps of one schema directory.
type schema struct {
	latest    *Snapshot
	replaced  chan struct{}   // closed when latest is replaced, or failed set
	failed    bool            // the analysis of the present text failed
	gen       int             // bumped by each change; stale analyses are dropped
	timer     *time.Timer     // debounce
	published map[string]bool // paths with published diagnostics
	building  sync.Mutex      // one analysis at a time per directory

	// The migration history is read from disk only when it may have
	// changed (open, save, watched files), not on every keystroke.
	history      *analysis.History // guarded by building
	historyStale bool              // guarded by Server.mu
}

// schedule analyzes dir after the debounce delay; changes within it are
// analyzed together. Analysis never runs in the handler of a change.
func (s *Server) schedule(dir string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	sc := s.schemas[dir]
	if sc == nil {
		sc = &schema{published: map[string]bool{}, historyStale: true, replaced: make(chan struct{})}
		s.schemas[dir] = sc
	}
	sc.gen++
	sc.failed = false
	gen := sc.gen
	if sc.timer != nil {
		sc.timer.Stop()
	}
	sc.timer = time.AfterFunc(s.opts.Debounce, func() {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return
		}
		s.running.Add(1)
		s.mu.Unlock()
		defer s.running.Done()
		s.analyze(dir, sc, gen)
	})
}

// rereadHistory makes the next analysis of dir read the migration directory
// again.
func (s *Server) rereadHistory(dir string) {
	s.mu.Lock()
	if sc := s.schemas[dir]; sc != nil {
		sc.historyStale = true
	}
	s.mu.Unlock()
}

// analyze builds a snapshot of dir and publishes its diagnostics, unless a
// newer change arrived meanwhile.
func (s *Server) analyze(dir string, sc *schema, gen int) {
	sc.building.Lock()
	defer sc.building.Unlock()
	s.mu.Lock()
	if gen != sc.gen {
		s.mu.Unlock()
		return // a newer change will analyze
	}
	reread := sc.historyStale
	sc.historyStale = false
	s.mu.Unlock()

	m, err := model.Load(dir, s.loader, s.overlay())
	if err != nil {
		s.log.Printf("loading %s: %v", dir, err)
		s.mu.Lock()
		if gen == sc.gen {
			sc.failed = true // no snapshot comes for the present text
			close(sc.replaced)
			sc.replaced = make(chan struct{})
		}
		s.mu.Unlock()
		return
	}
	if reread {
		if _, sc.history, err = build.History(m); err != nil {
			s.log.Printf("reading the migration history of %s: %v", dir, err)
		}
	}
	h := sc.history
	snap := &Snapshot{Dir: dir, Schema: m, History: h, Diagnostics: analysis.RunWith(m, analysis.Options{History: h})}

	s.mu.Lock()
	if gen != sc.gen {
		s.mu.Unlock()
		return // stale: never publish over newer results
	}
	sc.latest = snap
	close(sc.replaced)
	sc.replaced = make(chan struct{})
	utf8 := s.utf8
	s.mu.Unlock()
	s.publish(sc, snap, utf8)
}

// snapshotWait is how long a request waits for the analysis of the
// present text before it answers without a snapshot. Clients send a batch
// of changes right before a request, so one is usually under way.
const snapshotWait = time.Second

// snapshotOf returns the newest snapshot of the schema of the open
// document at path, and the document's file in it, waiting up to
// snapshotWait for one of the present text; ok is false when there is none,
// since the positions of an older one would be wrong.
func (s *Server) snapshotOf(path string) (snap *Snapshot, f *lang.File, ok bool) {
	if snap, ok = s.presentSnapshot(filepath.Dir(path)); !ok {
		return nil, nil, false
	}
	for _, file := range snap.Schema.Files {
		if file.Path == path {
			return snap, file, true
		}
	}
	return nil, nil, false
}

// presentSnapshot returns the snapshot of dir built from the present text
// of the open documents, waiting up to snapshotWait for it.
func (s *Server) presentSnapshot(dir string) (*Snapshot, bool) {
	deadline := time.After(snapshotWait)
	for {
		s.mu.Lock()
		sc := s.schemas[dir]
		var snap *Snapshot
		var replaced chan struct{}
		failed := false
		if sc != nil {
			snap, replaced, failed = sc.latest, sc.replaced, sc.failed
		}
		texts := s.textsLocked()
		s.mu.Unlock()
		if snap != nil && current(snap, texts) {
			return snap, true
		}
		if replaced == nil || failed {
			return nil, false
		}
		select {
		case <-replaced:
		case <-deadline:
			return nil, false
		}
	}
}
