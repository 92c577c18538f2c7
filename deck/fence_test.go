package deck

import (
	"strings"
	"testing"
)

// TestFences: Mermaid flowcharts are diagrams, other Mermaid kinds and
// PlantUML are code with one warning, and a code fence keeps its info.
func TestFences(t *testing.T) {
	src := "# a\n\n```mermaid\n%% c\nflowchart LR\n  a --> b\n```\n\n```mermaid {scale: 0.8}\ngraph TD\n  x\n```\n\n" +
		"```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n\n```mermaid\n---\ntitle: t\n---\nsequenceDiagram\n```\n\n```plantuml\n@startuml\n@enduml\n```\n\n" +
		"```go {2,3-5} title=\"main.go\" lines:true\npackage main\n```\n\n```go{3}\nx\n```\n"
	d, err := Parse("f.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Slides[0].Blocks {
		switch b := b.(type) {
		case *DOT:
			got = append(got, "dot "+b.Lang+" "+b.Name+" "+b.SourcePos.String())
		case *Code:
			got = append(got, "code "+b.Lang+" "+b.Info)
		}
	}
	want := []string{
		"dot mermaid slide-1 f.md:4:1",
		"dot mermaid slide-1-2 f.md:10:1",
		"code mermaid ",
		"code mermaid ",
		"code plantuml ",
		`code go {2,3-5} title="main.go" lines:true`,
		"code go {3}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var warns []string
	for _, w := range d.Warnings {
		warns = append(warns, w.Error())
	}
	wantW := []string{
		"f.md:15:1: mermaid sequenceDiagram diagrams are not drawn: the block is shown as code; only flowchart and graph are drawn (1 more in this deck)",
		"f.md:26:1: plantuml diagrams are not drawn: the block is shown as code",
	}
	if strings.Join(warns, "\n") != strings.Join(wantW, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warns, "\n"), strings.Join(wantW, "\n"))
	}
}
