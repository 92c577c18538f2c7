package diagrams

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/theme"
)

func layout(t *testing.T, e *Engine, src Source) *Geometry {
	t.Helper()
	g, err := e.Layout(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	checkGeometry(t, g)
	return g
}

func edgesBetween(g *Geometry, tail, head string) []Edge {
	var out []Edge
	for _, e := range g.Edges {
		if e.Tail == tail && e.Head == head {
			out = append(out, e)
		}
	}
	return out
}

func centreY(b Box) float64 { return b.Y + b.H/2 }

// TestProgression: layers rise bottom to top; gaps are dashed in the
// warning colour beside their layer, with arrows in the good colour into
// the layer that resolves them; the arrow into a layer names what it
// fixes; integrated layers point at the integrating one.
func TestProgression(t *testing.T) {
	th := theme.Default()
	ai, _ := talkStacks()
	g := layout(t, engine(t), Source{Name: "ai", Stack: ai})
	l1, l2, l3 := findNode(t, g, "L1"), findNode(t, g, "L2"), findNode(t, g, "L3")
	if !(centreY(l1.Box) > centreY(l2.Box) && centreY(l2.Box) > centreY(l3.Box)) {
		t.Errorf("layers do not rise: L1 %.0f, L2 %.0f, L3 %.0f", centreY(l1.Box), centreY(l2.Box), centreY(l3.Box))
	}
	if got := lineTexts(l1.Lines); got != "L1 大規模言語モデル|言語理解と生成の基盤" {
		t.Errorf("L1 text: %q", got)
	}
	if len(l1.Lines[0].Pieces) != 2 || !l1.Lines[0].Pieces[1].Bold || l1.Lines[1].Size >= l1.Lines[0].Size {
		t.Errorf("L1 lines: %+v", l1.Lines)
	}
	for _, name := range []string{"L1_p1", "L1_p2"} {
		gap := findNode(t, g, name)
		if !gap.Style.Dashed || gap.Style.Stroke != th.Warning || math.Abs(centreY(gap.Box)-centreY(l1.Box)) > 1 || gap.Box.X < l1.Box.X+l1.Box.W {
			t.Errorf("gap %s: %+v at %+v", name, gap.Style, gap.Box)
		}
		if es := edgesBetween(g, name, "L2"); len(es) != 1 || es[0].Style.Stroke != th.Good {
			t.Errorf("gap %s is not resolved by L2 in the good colour: %+v", name, es)
		}
	}
	if es := edgesBetween(g, "L1", "L2"); len(es) != 1 || es[0].Label == nil || lineTexts(es[0].Label.Lines) != "論理推論・数学計算|を解決" {
		t.Errorf("L1→L2: %+v", es)
	}
	if es := edgesBetween(g, "L1", "L3"); len(es) != 1 || !es[0].Style.Dashed || lineTexts(es[0].Label.Lines) != "統合" {
		t.Errorf("L1→L3 (integrates): %+v", es)
	}
}

// TestTransfer: problems stand in trays between layers; each calls up
// the next layer (good colour if fixed, dashed if carried on); each layer
// points at the tray of problems it creates; the top tray loops back to
// the bottom one, labelled 問題の移転.
func TestTransfer(t *testing.T) {
	th := theme.Default()
	_, crypto := talkStacks()
	g := layout(t, engine(t), Source{Name: "crypto", Stack: crypto})
	l1, l2 := findNode(t, g, "L1"), findNode(t, g, "L2")
	p := findNode(t, g, "L1_p1")
	if !(centreY(p.Box) < centreY(l1.Box) && centreY(p.Box) > centreY(l2.Box)) {
		t.Errorf("L1's problems are not between L1 and L2")
	}
	if es := edgesBetween(g, "L1_p2", "L2"); len(es) != 1 || es[0].Style.Stroke != th.Good || es[0].Style.Dashed {
		t.Errorf("高いガス代 → L2: %+v", es)
	}
	if es := edgesBetween(g, "L2_p1", "L3"); len(es) != 1 || es[0].Style.Stroke != th.Warning || !es[0].Style.Dashed {
		t.Errorf("流動性の分断 carried to L3: %+v", es)
	}
	if es := edgesBetween(g, "L2", "L2_p1"); len(es) != 1 || es[0].HeadCluster != "cluster_L2_problems" {
		t.Errorf("L2 creates its tray: %+v", es)
	}
	loop := edgesBetween(g, "L3_p2", "L1_p2")
	if len(loop) != 1 || !loop[0].Style.Dashed || loop[0].Label == nil || lineTexts(loop[0].Label.Lines) != "問題の移転" ||
		loop[0].TailCluster != "cluster_L3_problems" || loop[0].HeadCluster != "cluster_L1_problems" {
		t.Fatalf("loop: %+v", loop)
	}
}

// TestCompare: two stacks side by side, each in a cluster headed by its
// title, layers of the same id on the same rank, the first on the left.
func TestCompare(t *testing.T) {
	ai, crypto := talkStacks()
	g := layout(t, engine(t), Source{Name: "compare", Pair: [2]*deck.Stack{ai, crypto}})
	if len(g.Clusters) != 2 || lineTexts(g.Clusters[0].Label.Lines) != "AIの階層的発展" || lineTexts(g.Clusters[1].Label.Lines) != "暗号資産の階層的発展" {
		t.Fatalf("clusters: %+v", g.Clusters)
	}
	for _, c := range g.Clusters {
		if c.Label.Box.Y > c.Box.Y+c.Box.H/4 {
			t.Errorf("title of %s is not at its top", c.Name)
		}
	}
	if g.Clusters[0].Box.X+g.Clusters[0].Box.W > g.Clusters[1].Box.X {
		t.Errorf("the first stack is not on the left")
	}
	for _, id := range []string{"L1", "L2", "L3"} {
		a, b := findNode(t, g, "s1_"+id), findNode(t, g, "s2_"+id)
		if math.Abs(centreY(a.Box)-centreY(b.Box)) > 0.5 {
			t.Errorf("%s: not on one rank (%.1f, %.1f)", id, centreY(a.Box), centreY(b.Box))
		}
	}
	// A layer shows its problems where it has any.
	if got := lineTexts(findNode(t, g, "s1_L1").Lines); !strings.Contains(got, "課題：論理推論・数学計算") {
		t.Errorf("AI L1: %q", got)
	}
}

// TestCompareUnevenStacks: a layer missing on one side leaves its rank
// empty there.
func TestCompareUnevenStacks(t *testing.T) {
	a := &deck.Stack{ID: "a", Title: "三層", Pattern: deck.Progression, Layers: []*deck.Layer{{ID: "L1", Name: "基盤"}, {ID: "L2", Name: "中間"}, {ID: "L3", Name: "上層"}}}
	b := &deck.Stack{ID: "b", Title: "二層", Pattern: deck.Transfer, Layers: []*deck.Layer{{ID: "L1", Name: "基盤"}, {ID: "L3", Name: "上層"}}}
	g := layout(t, engine(t), Source{Name: "uneven", Pair: [2]*deck.Stack{a, b}})
	for _, id := range []string{"L1", "L3"} {
		x, y := findNode(t, g, "s1_"+id), findNode(t, g, "s2_"+id)
		if math.Abs(centreY(x.Box)-centreY(y.Box)) > 0.5 {
			t.Errorf("%s: not on one rank", id)
		}
	}
}

// TestOtherStacks: stacks unlike the talk's still lay out cleanly: more
// layers, gaps no layer resolves, layers without problems, English.
func TestOtherStacks(t *testing.T) {
	f, _ := fonts.Default()
	e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, s := range []*deck.Stack{
		{ID: "net", Pattern: deck.Progression, Layers: []*deck.Layer{
			{ID: "L1", Name: "Physical links", Problems: []string{"noise", "distance"}},
			{ID: "L2", Name: "Data link", Fixes: []string{"noise"}, Problems: []string{"routing"}},
			{ID: "L3", Name: "Network", Fixes: []string{"routing"}, Problems: []string{"reliability"}},
			{ID: "L4", Name: "Transport", Role: "end-to-end delivery with retransmission and flow control", Fixes: []string{"reliability"}, Integrates: []string{"L1"}},
		}},
		{ID: "one", Pattern: deck.Transfer, Layers: []*deck.Layer{{ID: "L1", Name: "ただ一つの層", Problems: []string{"課題"}}}},
		{ID: "quiet", Pattern: deck.Transfer, Layers: []*deck.Layer{{ID: "L1", Name: "下"}, {ID: "L2", Name: "上", Problems: []string{"新しい課題"}}}},
	} {
		t.Run(s.ID, func(t *testing.T) { layout(t, e, Source{Name: s.ID, Stack: s}) })
	}
}

// TestPhraseWrap: label text breaks between phrases where it can.
func TestPhraseWrap(t *testing.T) {
	e := engine(t)
	th := theme.Default()
	for _, tc := range []struct {
		text string
		ems  float64
		want string
	}{
		{"計画・ツール呼び出し・ワークフロー", 13, "計画・ツール呼び出し・|ワークフロー"},
		{"課題：ユーザー体験の分断・エコシステムの孤立", 13, "課題：ユーザー体験の分断・|エコシステムの孤立"},
		{"短い", 13, "短い"},
		// Without punctuation, lines break between BudouX's phrases.
		{"区切りのない長いラベルはどこでも折り返される", 8, "区切りのない長い|ラベルはどこでも|折り返される"},
	} {
		got := lineTexts(e.m.text(tc.text, th.DiagramSmall, false, th.Text, tc.ems).lines)
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.text, got, tc.want)
		}
	}
}
