package diagrams

import "encoding/json"

// A DOT block as Graphviz read it (a dotGraph) is a pure function of the
// block's text, so it is kept in the disk cache too: a new process then
// rewrites an unchanged block without starting Graphviz. A block with an
// error is never cached, so that the error is positioned afresh.

// dotGraphJSON is a dotGraph as it is stored in the disk cache.
type dotGraphJSON struct {
	Name         string        `json:"name,omitempty"`
	Directed     bool          `json:"directed,omitempty"`
	Strict       bool          `json:"strict,omitempty"`
	Attrs        [][2]string   `json:"attrs,omitempty"`
	NodeDefaults [][2]string   `json:"nodeDefaults,omitempty"`
	EdgeDefaults [][2]string   `json:"edgeDefaults,omitempty"`
	Nodes        []dotNodeJSON `json:"nodes,omitempty"`
	Edges        []dotEdgeJSON `json:"edges,omitempty"`
	Subs         []dotSubJSON  `json:"subs,omitempty"`
}

type dotNodeJSON struct {
	Name  string      `json:"name"`
	Attrs [][2]string `json:"attrs,omitempty"`
}

type dotEdgeJSON struct {
	Tail  string      `json:"tail"`
	Head  string      `json:"head"`
	Attrs [][2]string `json:"attrs,omitempty"`
}

type dotSubJSON struct {
	Name  string       `json:"name"`
	Attrs [][2]string  `json:"attrs,omitempty"`
	Nodes []string     `json:"nodes,omitempty"`
	Subs  []dotSubJSON `json:"subs,omitempty"`
}

// marshalDOTGraph encodes dg for the disk cache.
func marshalDOTGraph(dg *dotGraph) ([]byte, error) {
	j := dotGraphJSON{Name: dg.name, Directed: dg.directed, Strict: dg.strict,
		Attrs: attrsJSON(dg.attrs), NodeDefaults: attrsJSON(dg.nodeDefaults), EdgeDefaults: attrsJSON(dg.edgeDefaults),
		Subs: subsJSON(dg.subs)}
	for _, n := range dg.nodes {
		j.Nodes = append(j.Nodes, dotNodeJSON{n.name, attrsJSON(n.attrs)})
	}
	for _, e := range dg.edges {
		j.Edges = append(j.Edges, dotEdgeJSON{e.tail, e.head, attrsJSON(e.attrs)})
	}
	return json.Marshal(j)
}

// unmarshalDOTGraph decodes a disk cache entry of marshalDOTGraph.
func unmarshalDOTGraph(data []byte) (*dotGraph, error) {
	var j dotGraphJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, err
	}
	dg := &dotGraph{name: j.Name, directed: j.Directed, strict: j.Strict,
		attrs: attrsOf(j.Attrs), nodeDefaults: attrsOf(j.NodeDefaults), edgeDefaults: attrsOf(j.EdgeDefaults),
		subs: subsOf(j.Subs)}
	for _, n := range j.Nodes {
		dg.nodes = append(dg.nodes, dotNode{n.Name, attrsOf(n.Attrs)})
	}
	for _, e := range j.Edges {
		dg.edges = append(dg.edges, dotEdge{e.Tail, e.Head, attrsOf(e.Attrs)})
	}
	return dg, nil
}

func attrsJSON(as []attr) [][2]string {
	var out [][2]string
	for _, a := range as {
		out = append(out, [2]string{a.name, a.value})
	}
	return out
}

func attrsOf(as [][2]string) []attr {
	var out []attr
	for _, a := range as {
		out = append(out, attr{a[0], a[1]})
	}
	return out
}

func subsJSON(ss []dotSub) []dotSubJSON {
	var out []dotSubJSON
	for _, s := range ss {
		out = append(out, dotSubJSON{s.name, attrsJSON(s.attrs), s.nodes, subsJSON(s.subs)})
	}
	return out
}

func subsOf(ss []dotSubJSON) []dotSub {
	var out []dotSub
	for _, s := range ss {
		out = append(out, dotSub{s.Name, attrsOf(s.Attrs), s.Nodes, subsOf(s.Subs)})
	}
	return out
}
