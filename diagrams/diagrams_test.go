package diagrams

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/layerdeck/layerdeck/assets"
	"github.com/layerdeck/layerdeck/deck"
	"github.com/layerdeck/layerdeck/fonts"
	"github.com/layerdeck/layerdeck/internal/display"
	"github.com/layerdeck/layerdeck/internal/golden"
	"github.com/layerdeck/layerdeck/internal/render/svg"
	"github.com/layerdeck/layerdeck/internal/theme"
)

// Golden files are rewritten by go test ./diagrams -update (the shared
// flag of internal/golden).

func engine(t testing.TB) *Engine {
	t.Helper()
	f, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), Lang: "ja"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// talkStacks are the stacks of the built-in talk: AI, where each layer
// solves what the one below could not, and crypto, where each layer moves
// the problem on.
func talkStacks() (ai, crypto *deck.Stack) {
	ai = &deck.Stack{ID: "ai", Title: "AIの階層的発展", Pattern: deck.Progression, Layers: []*deck.Layer{
		{ID: "L1", Name: "大規模言語モデル", Role: "言語理解と生成の基盤", Problems: []string{"論理推論", "数学計算"}},
		{ID: "L2", Name: "推論モデル", Example: "DeepSeek R1", Fixes: []string{"論理推論", "数学計算"}},
		{ID: "L3", Name: "AIエージェント", Role: "計画・ツール呼び出し・ワークフロー", Integrates: []string{"L1", "L2"}},
	}}
	crypto = &deck.Stack{ID: "crypto", Title: "暗号資産の階層的発展", Pattern: deck.Transfer, Layers: []*deck.Layer{
		{ID: "L1", Name: "パブリックチェーン", Role: "汎用の決済・実行基盤", Problems: []string{"性能のボトルネック", "高いガス代"}},
		{ID: "L2", Name: "L2スケーリング", Role: "ガス代を下げTPSを上げる", Fixes: []string{"性能のボトルネック", "高いガス代"}, Problems: []string{"流動性の分断", "アプリ不足"}},
		{ID: "L3", Name: "アプリチェーン", Role: "用途特化の垂直チェーン", Fixes: []string{"アプリ不足"}, Problems: []string{"ユーザー体験の分断", "エコシステムの孤立"}},
	}}
	return ai, crypto
}

// driversDOT is the talk's ```dot drivers block: two loops.
const driversDOT = `digraph drivers {
  rankdir=LR;
  // Left-to-right graphs stack clusters bottom-up: crypto comes first
  // so that AI is drawn on top.
  subgraph cluster_crypto {
    label="暗号資産：トークノミクス";
    tvl [label="TVL獲得競争"];
    price [label="トークン価格"];
    chain [label="新チェーン発行"];
    split [label="流動性の分断"];
    tvl -> price -> chain -> split;
    split -> tvl [label="再びTVLを奪い合う"];
  }
  subgraph cluster_ai {
    label="AI：技術駆動";
    competition [label="技術競争"];
    performance [label="性能向上"];
    solved [label="課題の解決"];
    ability [label="新たな能力"];
    competition -> performance -> solved -> ability;
    ability -> competition [label="次の競争"];
  }
}
`

// talkSources are the four diagrams of the built-in talk.
func talkSources() []Source {
	ai, crypto := talkStacks()
	drivers := &deck.DOT{Name: "drivers", Source: driversDOT, SourcePos: deck.Pos{File: "talk.md", Line: 194, Col: 1}, Pos: deck.Pos{File: "talk.md", Line: 193, Col: 1}}
	return []Source{
		{Name: "ai", Stack: ai, Pos: deck.Pos{File: "talk.md", Line: 85, Col: 10}},
		{Name: "crypto", Stack: crypto, Pos: deck.Pos{File: "talk.md", Line: 120, Col: 10}},
		{Name: "compare", Pair: [2]*deck.Stack{ai, crypto}, Pos: deck.Pos{File: "talk.md", Line: 150, Col: 10}},
		{Name: "drivers", DOT: drivers, Pos: drivers.Pos},
	}
}

func TestGolden(t *testing.T) {
	e := engine(t)
	for _, src := range talkSources() {
		t.Run(src.Name, func(t *testing.T) {
			dot, err := e.DOT(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+src.Name+".dot", []byte(dot))
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			checkGeometry(t, g)
			out, err := svg.Render(Page(g, 16), svg.Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/"+src.Name+".svg", out)
		})
	}
}

// TestEssayDiagrams: the built-in deck draws these four diagrams, and
// each passes the geometry checks.
func TestEssayDiagrams(t *testing.T) {
	d, err := deck.Parse("essay.md", assets.Essay)
	if err != nil {
		t.Fatal(err)
	}
	e := engine(t)
	var names []string
	for _, src := range Sources(d) {
		names = append(names, src.Name)
		g, err := e.Layout(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		checkGeometry(t, g)
	}
	if got := strings.Join(names, " "); got != "ai crypto compare drivers" {
		t.Fatalf("diagrams of the built-in deck: %s", got)
	}
}

// checkGeometry: every text line fits its box, no two nodes overlap, no
// label covers a node or another label, every edge starts and ends at its
// nodes, and the text stays readable when the diagram is scaled into a
// slide.
func checkGeometry(t *testing.T, g *Geometry) {
	t.Helper()
	nodes := map[string]Node{}
	ends := map[string]Box{}
	for _, c := range g.Clusters {
		ends[c.Name] = c.Box
	}
	for _, n := range g.Nodes {
		nodes[n.Name] = n
		ends[n.Name] = n.Box
		if !n.Style.Hidden && len(n.Lines) == 0 {
			t.Errorf("node %s has no text", n.Name)
		}
		checkLines(t, "node "+n.Name, n.Lines, n.Box)
	}
	labels := g.allLabels()
	for _, l := range labels {
		checkLines(t, "label "+l.Lines[0].Text, l.Lines, l.Box)
	}
	for i, a := range g.Nodes {
		for _, b := range g.Nodes[i+1:] {
			if overlap(a.Box, b.Box, 1) {
				t.Errorf("nodes %s and %s overlap", a.Name, b.Name)
			}
		}
		for _, l := range labels {
			if overlap(l.Box, a.Box, 1) {
				t.Errorf("label %q covers node %s", l.Lines[0].Text, a.Name)
			}
		}
	}
	for i, a := range labels {
		for _, b := range labels[i+1:] {
			if overlap(a.Box, b.Box, 1) {
				t.Errorf("labels %q and %q overlap", a.Lines[0].Text, b.Lines[0].Text)
			}
		}
	}
	for _, e := range g.Edges {
		if len(e.Points) < 4 {
			t.Errorf("edge %s→%s has no spline", e.Tail, e.Head)
			continue
		}
		tail, head := ends[e.Tail], ends[e.Head]
		if e.TailCluster != "" {
			tail = ends[e.TailCluster]
		}
		if e.HeadCluster != "" {
			head = ends[e.HeadCluster]
		}
		if d := distToBox(e.Points[0], tail); d > 2 {
			t.Errorf("edge %s→%s starts %.1f pt from its tail", e.Tail, e.Head, d)
		}
		end := e.Points[len(e.Points)-1]
		if len(e.Arrowheads) > 0 {
			end = tip(e.Arrowheads[0], head)
		}
		if d := distToBox(end, head); d > 2 {
			t.Errorf("edge %s→%s ends %.1f pt from its head", e.Tail, e.Head, d)
		}
	}
	// Scaled to fit 864×400 pt (a 16:9 slide of 960×540 less margins and
	// title), no text may fall under 12 pt.
	s := math.Min(1.4, math.Min(864/g.Width, 400/g.Height))
	for _, it := range g.Draw(0, 0, s) {
		if it.Text != nil && it.Text.Size < 11.95 {
			t.Errorf("text %q is %.1f pt on a slide", it.Text.Text, it.Text.Size)
		}
	}
}

// checkLines: each line lies inside box b, its measured width and its
// ascent and descent included.
func checkLines(t *testing.T, what string, lines []TextLine, b Box) {
	t.Helper()
	const eps = 0.01
	for _, l := range lines {
		if l.X < b.X-eps || l.X+l.Width > b.X+b.W+eps || l.Baseline-l.Ascent < b.Y-eps || l.Baseline+l.Descent > b.Y+b.H+eps {
			t.Errorf("%s: line %q (%.1f wide at %.1f,%.1f) leaves its box %+v", what, l.Text, l.Width, l.X, l.Baseline, b)
		}
	}
}

func overlap(a, b Box, slack float64) bool {
	return a.X+slack < b.X+b.W && b.X+slack < a.X+a.W && a.Y+slack < b.Y+b.H && b.Y+slack < a.Y+a.H
}

// distToBox is how far p lies outside b (0 inside).
func distToBox(p display.Point, b Box) float64 {
	dx := math.Max(0, math.Max(b.X-p.X, p.X-(b.X+b.W)))
	dy := math.Max(0, math.Max(b.Y-p.Y, p.Y-(b.Y+b.H)))
	return math.Hypot(dx, dy)
}

// tip is the point of an arrowhead nearest to the box it points at.
func tip(poly []display.Point, b Box) display.Point {
	best := poly[0]
	for _, q := range poly[1:] {
		if distToBox(q, b) < distToBox(best, b) {
			best = q
		}
	}
	return best
}

func TestUnknownEmptyAndNilSources(t *testing.T) {
	e := engine(t)
	pos := deck.Pos{File: "d.md", Line: 3, Col: 10}
	ai, _ := talkStacks()
	for _, tc := range []struct {
		src  Source
		want string
	}{
		{Source{Name: "nope", Pos: pos}, `d.md:3:10: diagram "nope" has nothing to draw (unknown stack?)`},
		{Source{Name: "s", Stack: &deck.Stack{ID: "s"}, Pos: pos}, "d.md:3:10: stack s has no layers"},
		{Source{Name: "c", Pair: [2]*deck.Stack{ai, nil}, Pos: pos}, "d.md:3:10: diagram c needs two stacks, each with layers"},
		{Source{Name: "x", DOT: &deck.DOT{Name: "x", Source: " \n", Pos: pos}, Pos: pos}, "d.md:3:10: empty dot block"},
	} {
		_, err := e.Layout(context.Background(), tc.src)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got %v, want %s", tc.src.Name, err, tc.want)
		}
		if _, err := e.DOT(tc.src); err == nil || err.Error() != tc.want {
			t.Errorf("%s: DOT: got %v, want %s", tc.src.Name, err, tc.want)
		}
	}
}

// TestDeterministicAndCached: two engines give byte-identical geometry;
// an engine serves an unchanged diagram from its cache.
func TestDeterministicAndCached(t *testing.T) {
	var outs [2][]byte
	for i := range outs {
		e := engine(t)
		for _, src := range talkSources() {
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(g)
			if err != nil {
				t.Fatal(err)
			}
			outs[i] = append(outs[i], b...)
			again, _ := e.Layout(context.Background(), src)
			if again != g {
				t.Errorf("%s: the second layout was not served from the cache", src.Name)
			}
		}
	}
	if string(outs[0]) != string(outs[1]) {
		t.Fatal("two engines gave different geometry for the same diagrams")
	}
}

func TestTimeout(t *testing.T) {
	f, _ := fonts.Default()
	e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	_, err = e.Layout(context.Background(), talkSources()[0])
	want := "talk.md:85:10: diagram ai: Graphviz took longer than 1ns; simplify the graph"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// TestDiskCache: a second engine with the same cache directory gets the
// same geometry from the cache; a damaged entry is laid out again.
func TestDiskCache(t *testing.T) {
	dir := t.TempDir()
	f, _ := fonts.Default()
	geo := func() []byte {
		e, err := NewEngine(Options{Fonts: f, Theme: theme.Default(), CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		var out []byte
		for _, src := range talkSources() {
			g, err := e.Layout(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(g)
			out = append(out, b...)
		}
		return out
	}
	first := geo()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 5 {
		t.Fatalf("%d cache entries, want 5 (4 layouts and the DOT block as read)", len(ents))
	}
	os.WriteFile(filepath.Join(dir, ents[0].Name()), []byte(`{"bb": "0,0,1,1", "objects": [`), 0o644) // damaged
	if second := geo(); string(second) != string(first) {
		t.Fatal("geometry with a damaged cache entry differs")
	}
	if third := geo(); string(third) != string(first) {
		t.Fatal("geometry from the cache differs")
	}
}

func TestClosedEngine(t *testing.T) {
	e := engine(t)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	_, err := e.Layout(context.Background(), talkSources()[0])
	if err == nil || !strings.Contains(err.Error(), "closed") {
		t.Fatalf("layout with a closed engine: %v", err)
	}
}

// TestConcurrentLayouts: engines may be used from several goroutines,
// and several engines at once; all share one Graphviz lock.
func TestConcurrentLayouts(t *testing.T) {
	engines := []*Engine{engine(t), engine(t)}
	want := map[string][]byte{}
	for _, src := range talkSources() {
		g, err := engines[0].Layout(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		want[src.Name], _ = json.Marshal(g)
	}
	engines[0].Prune()
	engines[0].Prune() // nothing used since the last Prune: the cache is empty
	done := make(chan error)
	for i := range 8 {
		go func() {
			var err error
			for _, src := range talkSources() {
				g, lerr := engines[i%2].Layout(context.Background(), src)
				if lerr != nil {
					err = lerr
					break
				}
				if b, _ := json.Marshal(g); string(b) != string(want[src.Name]) {
					err = errors.New(src.Name + ": different geometry")
					break
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
