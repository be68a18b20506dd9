package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbspec/dbspec/analysis"
	"github.com/dbspec/dbspec/codegen/build"
	"github.com/dbspec/dbspec/codegen/postgres"
	"github.com/dbspec/dbspec/lang/model"
)

// The commands of workspace/executeCommand. Their ids differ from the
// editor plugins' own commands, which clients register beside them.
const (
	cmdBuild             = "dbspec.lsp.build"             // [{uri}] → buildResult
	cmdSeal              = "dbspec.lsp.seal"              // [{uri, message}] → buildResult
	cmdExplain           = "dbspec.lsp.explain"           // [{rule}] → {rule, markdown}
	cmdGeneratedSQL      = "dbspec.lsp.generatedSql"      // [{uri}] → {path, sql}
	cmdShowDocumentation = "dbspec.lsp.showDocumentation" // [{rule}]: opens the rule's docs
	cmdSelect            = "dbspec.lsp.select"            // [{uri, range}]: selects text
)

// commands lists the commands the server executes.
var commands = []string{cmdBuild, cmdSeal, cmdExplain, cmdGeneratedSQL, cmdShowDocumentation, cmdSelect}

// commandArgs is the one argument of every command.
type commandArgs struct {
	URI     string    `json:"uri,omitempty"`
	Rule    string    `json:"rule,omitempty"`
	Message string    `json:"message,omitempty"`
	Range   *lspRange `json:"range,omitempty"`
}

// executeCommand runs a command. It runs off the connection's reading
// goroutine (see asyncMethods), so a build or a seal does not hold up other
// requests and can be cancelled.
func (s *Server) executeCommand(ctx context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Command   string        `json:"command"`
		Arguments []commandArgs `json:"arguments"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	var a commandArgs
	if len(p.Arguments) > 0 {
		a = p.Arguments[0]
	}
	switch p.Command {
	case cmdBuild:
		dir, err := schemaDir(a.URI)
		if err != nil {
			return nil, err
		}
		res, _ := s.build(dir, false)
		s.showMessage(messageType(res.OK), res.Message)
		return res, nil
	case cmdSeal:
		return s.seal(a)
	case cmdExplain:
		r, err := rule(a.Rule)
		if err != nil {
			return nil, err
		}
		return map[string]string{"rule": r.Name, "markdown": analysis.Explain(r)}, nil
	case cmdGeneratedSQL:
		return s.generatedSQL(a.URI)
	case cmdShowDocumentation:
		r, err := rule(a.Rule)
		if err != nil {
			return nil, err
		}
		if !s.showDocument(ctx, map[string]any{"uri": analysis.DocURL(r), "external": true}) {
			s.showMessage(msgInfo, fmt.Sprintf("%s: %s\n%s", r.Name, r.Summary, analysis.DocURL(r)))
		}
		return nil, nil
	case cmdSelect:
		if a.Range == nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s needs a range", cmdSelect)
		}
		s.showDocument(ctx, map[string]any{"uri": a.URI, "takeFocus": true, "selection": a.Range})
		return nil, nil
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q", p.Command)
}

// seal seals the saved schema's changes as the next migration, as `dbspec
// migrate seal` does. It refuses while an open document has unsaved
// changes: the migration would not match the files.
func (s *Server) seal(a commandArgs) (buildResult, error) {
	dir, err := schemaDir(a.URI)
	if err != nil {
		return buildResult{}, err
	}
	if strings.TrimSpace(a.Message) == "" {
		return buildResult{}, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s needs a message", cmdSeal)
	}
	res := buildResult{Dir: dir}
	written, err := s.sealSaved(dir, a.Message)
	res.OK, res.Written = err == nil, written
	if err != nil {
		res.Message = "dbspec migrate seal: " + err.Error()
	} else {
		res.Message = "dbspec migrate seal: wrote " + relativeTo(dir, written)
	}
	s.log.Print(res.Message)
	s.showMessage(messageType(res.OK), res.Message)
	s.rereadHistory(dir)
	s.schedule(dir)
	return res, nil
}

func (s *Server) sealSaved(dir, message string) ([]string, error) {
	for path, text := range s.overlay() {
		if filepath.Dir(path) != dir {
			continue
		}
		if disk, err := os.ReadFile(path); err != nil || string(disk) != text {
			return nil, fmt.Errorf("save %s first", filepath.Base(path))
		}
	}
	m, err := model.Load(dir, s.loader, nil)
	if err != nil {
		return nil, err
	}
	d, err := build.OpenMigrations(m)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, errors.New(`the project keeps no migrations: add migrations "DIR" to its generate block`)
	}
	written, findings, err := build.Seal(m, d, message, time.Now())
	if errors.Is(err, build.ErrSchemaErrors) {
		return nil, fmt.Errorf("fix the %d errors first", len(findings))
	}
	return written, err
}

// generatedSQL returns the DDL of the open buffers' schema and the path of
// the project's schema.sql ("" when it generates none).
func (s *Server) generatedSQL(uri string) (any, error) {
	dir, err := schemaDir(uri)
	if err != nil {
		return nil, err
	}
	m, err := s.currentModel(dir)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%v", err)
	}
	path := build.ProjectPaths(m).Schema
	if path != "" {
		path = filepath.Join(dir, path)
	}
	return map[string]string{"path": path, "sql": postgres.Schema(m)}, nil
}

// schemaDir is the schema directory of a file:// URI of a schema file or
// of a directory.
func schemaDir(uri string) (string, error) {
	if path := pathOf(uri); path != "" {
		return filepath.Dir(path), nil
	}
	u, err := url.Parse(uri)
	if err == nil && u.Scheme == "file" {
		dir := filepath.Clean(filepath.FromSlash(u.Path))
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir, nil
		}
	}
	return "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "not a schema file or directory: %q", uri)
}

// rule looks up a rule by name, or fails with InvalidParams.
func rule(name string) (*analysis.Rule, error) {
	if r := analysis.Lookup(name); r != nil {
		return r, nil
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown rule %q (dbspec rules lists them)", name)
}

// The message types of window/showMessage.
const (
	msgError = 1
	msgInfo  = 3
)

func messageType(ok bool) int {
	if ok {
		return msgInfo
	}
	return msgError
}

// showMessage shows a message to the user.
func (s *Server) showMessage(typ int, msg string) {
	s.notify("window/showMessage", map[string]any{"type": typ, "message": msg})
}

// showDocument asks the client to show a document (window/showDocument)
// and reports whether it did; false when the client cannot.
func (s *Server) showDocument(ctx context.Context, params map[string]any) bool {
	s.mu.Lock()
	supported := s.client.showDocument
	s.mu.Unlock()
	if !supported {
		return false
	}
	var res struct {
		Success bool `json:"success"`
	}
	_, err := s.conn.Call(ctx, "window/showDocument", params, &res)
	return err == nil && res.Success
}
