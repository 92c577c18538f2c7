package diagrams

import "strings"

// Graphviz runs in one of two kinds of WebAssembly instance (go-graphviz
// patch 4, PATCHES.md): an interruptible one, whose compiled code checks
// at every function entry and loop iteration whether the call's time
// budget is over, so that a runaway layout stops at once; and a fast one
// without the checks, about 2.5 times quicker, whose calls always run to
// their end. A graph is laid out in the fast kind only if its layout is
// known to be short whatever it holds: few nodes, edges and clusters
// (bounds measured in BenchmarkWorstFastGraphs: the slowest graphs found
// under them take ~0.1 s, the budget is 5 s), DOT text of a bounded
// length (Graphviz reads and sizes every label, whose text layerdeck
// passes on: 50 KB of label take it ~0.25 s), and, for a user's DOT, only
// attributes that do not make dot work longer (minlen or ranksep can
// multiply the ranks, splines=ortho the routing). Everything else is laid
// out interruptibly.
const (
	fastNodes    = 60
	fastEdges    = 60
	fastClusters = 12
	fastBytes    = 32 << 10
)

// fastAttrs are the attributes of a user's graph that leave a small
// graph's layout short; any other keeps it off the fast kind.
var fastAttrs = map[string]bool{
	"label": true, "xlabel": true, "headlabel": true, "taillabel": true, "shape": true,
	"color": true, "fillcolor": true, "fontcolor": true, "fontname": true, "fontsize": true,
	"style": true, "penwidth": true, "pencolor": true, "bgcolor": true, "peripheries": true,
	"arrowhead": true, "arrowtail": true, "arrowsize": true, "dir": true, "rankdir": true,
	"rank": true, "labelloc": true, "labeljust": true, "tooltip": true, "id": true,
	"class": true, "width": true, "height": true, "fixedsize": true, "margin": true,
	"compound": true, "lhead": true, "ltail": true, "headport": true, "tailport": true,
	"constraint": true, "group": true, "newrank": true, "splines": true, "URL": true,
	"href": true, "target": true, "comment": true, "labelfontcolor": true,
}

// sizeOf is what decides the kind of a graph: its nodes, edges (the
// invisible ones that keep a rank in order included) and clusters, and
// whether it asks dot for slow work.
type sizeOf struct {
	nodes, edges, clusters int
	slow                   bool
}

// fast reports whether a graph of this size may be laid out in the fast
// kind of instance.
func (s sizeOf) fast() bool {
	return !s.slow && s.nodes <= fastNodes && s.edges <= fastEdges && s.clusters <= fastClusters
}

// sizeOfDOT measures a user's graph (dg as read from a DOT or Mermaid
// block).
func sizeOfDOT(dg *dotGraph) sizeOf {
	s := sizeOf{nodes: len(dg.nodes), edges: len(dg.edges)}
	check := func(attrs []attr) {
		for _, a := range attrs {
			if !fastAttrs[a.name] || a.name == "splines" && strings.EqualFold(a.value, "ortho") {
				s.slow = true
			}
		}
	}
	check(dg.attrs)
	check(dg.nodeDefaults)
	check(dg.edgeDefaults)
	for _, n := range dg.nodes {
		check(n.attrs)
	}
	for _, e := range dg.edges {
		check(e.attrs)
	}
	var sub func(subs []dotSub)
	sub = func(subs []dotSub) {
		for _, x := range subs {
			if strings.HasPrefix(x.name, "cluster") {
				s.clusters++
			}
			check(x.attrs)
			sub(x.subs)
		}
	}
	sub(dg.subs)
	return s
}
