package lsp

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
)

type symbolInformation struct {
	Name          string      `json:"name"`
	Kind          int         `json:"kind"`
	Location      lspLocation `json:"location"`
	ContainerName string      `json:"containerName,omitempty"`
}

// workspaceSymbol finds the tables, columns and enums of every analyzed
// schema whose name contains the query (case-insensitive).
func (s *Server) workspaceSymbol(_ context.Context, raw json.RawMessage) (any, error) {
	var p struct {
		Query string `json:"query"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	q := strings.ToLower(p.Query)
	s.mu.Lock()
	utf8 := s.utf8
	var snaps []*Snapshot
	for _, sc := range s.schemas {
		if sc.latest != nil {
			snaps = append(snaps, sc.latest)
		}
	}
	s.mu.Unlock()
	sort.Slice(snaps, func(i, j int) bool { return snaps[i].Dir < snaps[j].Dir })
	out := []symbolInformation{}
	match := func(name string) bool { return strings.Contains(strings.ToLower(name), q) }
	for _, snap := range snaps {
		sch := snap.Schema
		for _, t := range sch.Tables {
			if match(t.Name) {
				out = append(out, symbolInformation{Name: t.Name, Kind: kindStruct, Location: locationOf(sch.Loc(t.Site), utf8)})
			}
			for _, c := range t.Columns {
				if match(c.Name) {
					out = append(out, symbolInformation{Name: c.Name, Kind: kindField, Location: locationOf(sch.Loc(c.Site), utf8), ContainerName: t.Name})
				}
			}
		}
		for _, e := range sch.Enums {
			if match(e.Name) {
				out = append(out, symbolInformation{Name: e.Name, Kind: kindEnum, Location: locationOf(sch.Loc(e.Site), utf8)})
			}
		}
	}
	return out, nil
}
