package display

import (
	"fmt"
	"strings"
)

// Node is an element of a page's structure tree with its children, in
// reading order.
type Node struct {
	Tag  *Tag
	Kids []*Node
}

// Content returns the element a tag's content belongs to: the tag itself,
// or for a Span that only carries ActualText its nearest element above.
// nil means the content is an artifact.
func Content(t *Tag) *Tag {
	for t != nil && t.Role == "Span" && t.ActualText != "" {
		t = t.Parent
	}
	return t
}

// Structure returns the structure tree of a page's items: the elements
// without a parent, in the order of their first content, each with its
// children likewise. Link items count as content of their element.
func Structure(items []Item) []*Node {
	var roots []*Node
	nodes := map[*Tag]*Node{}
	var node func(t *Tag) *Node
	node = func(t *Tag) *Node {
		if n, ok := nodes[t]; ok {
			return n
		}
		n := &Node{Tag: t}
		nodes[t] = n
		if p := Content(t.Parent); p != nil {
			parent := node(p)
			parent.Kids = append(parent.Kids, n)
		} else {
			roots = append(roots, n)
		}
		return n
	}
	for _, it := range items {
		if t := Content(it.Tag); t != nil {
			node(t)
		}
	}
	return roots
}

// StructureText prints a page's structure tree, one element a line,
// indented by depth: its role, its alt text in quotes, and the text of
// its own content.
func StructureText(items []Item) string {
	text := map[*Tag]string{}
	seen := map[*Tag]bool{}
	for _, it := range items {
		t := Content(it.Tag)
		switch {
		case t == nil:
		case it.Tag != t:
			if !seen[it.Tag] {
				text[t] += it.Tag.ActualText
				seen[it.Tag] = true
			}
		case it.Text != nil:
			text[t] += it.Text.Text
		case it.Group != nil:
			text[t] += it.Group.ActualText
		}
	}
	var b strings.Builder
	var walk func(ns []*Node, depth int)
	walk = func(ns []*Node, depth int) {
		for _, n := range ns {
			fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.Tag.Role)
			if n.Tag.Alt != "" {
				fmt.Fprintf(&b, " %q", n.Tag.Alt)
			}
			if s := text[n.Tag]; s != "" {
				fmt.Fprintf(&b, ": %s", s)
			}
			b.WriteString("\n")
			walk(n.Kids, depth+1)
		}
	}
	walk(Structure(items), 0)
	return b.String()
}
