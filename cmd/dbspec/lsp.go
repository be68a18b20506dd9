package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/dbspec/dbspec/lsp"
)

func runLSP(args []string, _, stderr io.Writer) int {
	fs := newFlags("lsp", "dbspec lsp [--log-file FILE] [-v]",
		"Run the language server on standard input and output. Editors start it;\n"+
			"it logs to the editor (window/logMessage), and to standard error what the\n"+
			"editor cannot take; never to standard output.", stderr)
	logFile := fs.String("log-file", "", "append the whole log to `FILE` (instead of standard error)")
	verbose := fs.Bool("v", false, "log every message")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	logw := stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "dbspec: %v\n", err)
			return 2
		}
		defer f.Close()
		logw = f
	}
	server := lsp.New(lsp.Options{Log: logw, LogAll: *logFile != "", Verbose: *verbose})
	if err := server.Serve(context.Background(), stdio{}); err != nil {
		fmt.Fprintf(logw, "dbspec lsp: %v\n", err)
		return 1
	}
	return 0
}

// stdio is the server's connection: standard input and output.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { return os.Stdin.Close() }
