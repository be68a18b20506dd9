package lsp

import (
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/protocol"
)

// initializeParams is the part of the initialize request the server reads.
// positionEncodings is LSP 3.17, which the protocol package predates.
type initializeParams struct {
	InitializationOptions settings          `json:"initializationOptions"`
	WorkspaceFolders      []workspaceFolder `json:"workspaceFolders"`
	RootURI               string            `json:"rootUri"`
	Capabilities          struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
		Window struct {
			WorkDoneProgress bool `json:"workDoneProgress"`
			ShowDocument     struct {
				Support bool `json:"support"`
			} `json:"showDocument"`
		} `json:"window"`
	} `json:"capabilities"`
}

// clientSupport is what the client supports of the server-to-client
// requests.
type clientSupport struct {
	workDoneProgress bool // window/workDoneProgress/create and $/progress
	showDocument     bool // window/showDocument
}

// initialize negotiates the position encoding (UTF-8 when the client
// offers it, else UTF-16, the LSP default) and declares what the server
// does — only what it does.
func (s *Server) initialize(_ context.Context, raw json.RawMessage) (any, error) {
	var p initializeParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	encoding := "utf-16"
	if slices.Contains(p.Capabilities.General.PositionEncodings, "utf-8") {
		encoding = "utf-8"
	}
	s.mu.Lock()
	s.utf8 = encoding == "utf-8"
	s.client = clientSupport{
		workDoneProgress: p.Capabilities.Window.WorkDoneProgress,
		showDocument:     p.Capabilities.Window.ShowDocument.Support,
	}
	s.folders = p.WorkspaceFolders
	if s.folders == nil && p.RootURI != "" {
		s.folders = []workspaceFolder{{URI: p.RootURI}}
	}
	s.mu.Unlock()
	s.configure(p.InitializationOptions)
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": encoding,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    protocol.TextDocumentSyncKindIncremental,
				"save":      map[string]any{"includeText": false},
			},
			"documentFormattingProvider":      true,
			"documentRangeFormattingProvider": true,
			"semanticTokensProvider": map[string]any{
				"legend": map[string]any{"tokenTypes": tokenTypes, "tokenModifiers": tokenModifiers},
				"full":   true,
			},
			"inlayHintProvider": true,
			"codeLensProvider":  map[string]any{"resolveProvider": false},
			"workspace": map[string]any{
				"workspaceFolders": map[string]any{"supported": true, "changeNotifications": true},
			},
			"definitionProvider":        true,
			"referencesProvider":        true,
			"hoverProvider":             true,
			"renameProvider":            map[string]any{"prepareProvider": true},
			"documentSymbolProvider":    true,
			"documentHighlightProvider": true,
			"foldingRangeProvider":      true,
			"workspaceSymbolProvider":   true,
			"completionProvider":        map[string]any{"triggerCharacters": []string{".", ">", "(", " "}},
			"executeCommandProvider":    map[string]any{"commands": commands},
			"codeActionProvider": map[string]any{
				"codeActionKinds": []string{"quickfix", "refactor.extract", fixAllKind},
			},
		},
		"serverInfo": map[string]any{"name": "dbspec"},
	}, nil
}

// initialized analyzes the schemas of the workspace folders, now that the
// client takes notifications.
func (s *Server) initialized(context.Context, json.RawMessage) (any, error) {
	s.mu.Lock()
	folders := s.folders
	s.mu.Unlock()
	s.addFolders(folders)
	return nil, nil
}

func (s *Server) shutdownRequest(context.Context, json.RawMessage) (any, error) {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	return nil, nil
}

func (s *Server) exit(context.Context, json.RawMessage) (any, error) {
	s.closeOnce.Do(func() { close(s.exited) })
	return nil, nil
}
