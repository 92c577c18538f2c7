package diagrams

import (
	"github.com/layerdeck/layerdeck/internal/display"
)

// Geometry is a laid-out diagram in points, origin at its top-left
// corner, y down: what every renderer draws. Text is measured with the
// fonts package and placed by layerdeck, never by Graphviz.
type Geometry struct {
	Name     string    `json:"name"`
	Width    float64   `json:"width"`
	Height   float64   `json:"height"`
	Clusters []Cluster `json:"clusters,omitempty"`
	Nodes    []Node    `json:"nodes"`
	Edges    []Edge    `json:"edges"`
	// Labels are labels of the graph itself and labels placed beside
	// nodes and edge ends (xlabel, headlabel, taillabel).
	Labels []Label `json:"labels,omitempty"`
}

// Box is a rectangle: its top-left corner and size.
type Box struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Style is how a shape or line is painted.
type Style struct {
	Fill    display.Color `json:"fill"`
	Filled  bool          `json:"filled,omitempty"`
	Stroke  display.Color `json:"stroke"`
	Width   float64       `json:"width"`
	Dashed  bool          `json:"dashed,omitempty"`
	Dotted  bool          `json:"dotted,omitempty"`
	Rounded bool          `json:"rounded,omitempty"`
	// Radius is the corner radius of a rounded box.
	Radius float64 `json:"radius,omitempty"`
	// Hidden shapes (style=invis) are not drawn.
	Hidden bool `json:"hidden,omitempty"`
}

// Node shapes.
const (
	ShapeBox     = "box"
	ShapeEllipse = "ellipse"
	ShapeDiamond = "diamond"
	ShapeNone    = "none" // text only
)

// Node is a laid-out node: its outline and its text.
type Node struct {
	Name  string     `json:"name"`
	Shape string     `json:"shape"`
	Box   Box        `json:"box"`
	Style Style      `json:"style"`
	Lines []TextLine `json:"lines,omitempty"`
}

// Edge is a laid-out edge: a cubic Bézier spline (its start point, then
// three points per segment) and its arrowheads as polygons.
type Edge struct {
	ID   string `json:"id,omitempty"`
	Tail string `json:"tail"`
	Head string `json:"head"`
	// TailCluster and HeadCluster name the clusters a compound edge
	// starts or ends at (ltail, lhead) instead of its nodes.
	TailCluster string            `json:"tail_cluster,omitempty"`
	HeadCluster string            `json:"head_cluster,omitempty"`
	Points      []display.Point   `json:"points"`
	Arrowheads  [][]display.Point `json:"arrowheads,omitempty"`
	Style       Style             `json:"style"`
	// Label is nil for an unlabelled edge.
	Label *Label `json:"label,omitempty"`
}

// Cluster is a laid-out cluster with its label.
type Cluster struct {
	Name  string `json:"name"`
	Box   Box    `json:"box"`
	Style Style  `json:"style"`
	Label *Label `json:"label,omitempty"`
}

// Label is text in the box Graphviz reserved for it.
type Label struct {
	Box   Box        `json:"box"`
	Lines []TextLine `json:"lines"`
	// Backing, if set, is painted behind the text (edge labels that sit
	// on their lines).
	Backing *display.Color `json:"backing,omitempty"`
}
