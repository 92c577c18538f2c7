package diagrams

import (
	"testing"

	"github.com/layerdeck/layerdeck/deck"
)

func TestDescribe(t *testing.T) {
	st := &deck.Stack{Title: "Crypto", Pattern: deck.Transfer, Layers: []*deck.Layer{
		{ID: "L1", Name: "Chain", Role: "settlement", Problems: []string{"fees"}},
		{ID: "L2", Name: "Rollup", Example: "Base", Fixes: []string{"fees"}, Problems: []string{"fragmentation"}},
		{ID: "L3", Name: "Apps", Integrates: []string{"L1", "L2"}},
	}}
	for _, c := range []struct{ lang, want string }{
		{"en", "Crypto: a stack of 3 layers, from the bottom (each layer moves the problems on to the next). L1 Chain: settlement. Leaves fees. L2 Rollup, for example Base. Fixes fees. The problems move on to fragmentation. L3 Apps. Integrates Chain, Rollup. Problems left unsolved: fragmentation."},
		{"ja", "Crypto：3層を下から積み上げた図（各層が課題を次の層へ移す）。 L1 Chain：settlement。残る課題：fees。 L2 Rollup、例：Base。feesを解決。課題はfragmentationへ移る。 L3 Apps。Chain、Rollupを統合。 解決されずに残る課題：fragmentation。"},
	} {
		if got := Describe(Source{Stack: st}, nil, c.lang); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.lang, got, c.want)
		}
	}
	g := &Geometry{Nodes: []Node{{Name: "a", Lines: []TextLine{{Text: "Start"}}}, {Name: "b"}}, Edges: []Edge{{Tail: "a", Head: "b", Label: &Label{Lines: []TextLine{{Text: "next"}}}}, {Tail: "b", Head: "a"}}}
	if got, want := Describe(Source{DOT: &deck.DOT{}}, g, "en"), "Diagram. Nodes: Start, b. Edges: Start → b (next), b → Start."; got != want {
		t.Errorf("graph:\n got %s\nwant %s", got, want)
	}
}
