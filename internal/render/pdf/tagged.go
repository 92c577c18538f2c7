package pdf

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"

	"github.com/layerdeck/layerdeck/internal/display"
)

// A tagged PDF (ISO 32000-1 §14.8): every item of a page is marked
// content, either of a structure element (BDC with an MCID) or an
// artifact; a structure tree (Document, one Sect per page, then the
// elements layout tagged) points back to the marked content through the
// parent tree. Links are annotations whose /StructParent leads to their
// Link element.

// element is a structure element being collected.
type element struct {
	role   string
	tag    *display.Tag // nil for Document and Sect
	parent *element
	kids   []kid
	page   int // the page of its first content, -1 before any
	obj    int // object number, set when written
}

// kid is one entry of an element's /K: an element, marked content of a
// page, or a link annotation.
type kid struct {
	elem  *element
	page  int
	mcid  int // marked content when elem is nil and annot < 0
	annot int // index of the annotation on its page, or -1
}

// tagging collects the structure of a document as it is drawn.
type tagging struct {
	f      *gofpdf.Fpdf
	doc    *element
	elems  []*element // every element, in order of creation
	byTag  map[*display.Tag]*element
	sect   *element // the current page's Sect
	page   int      // the current page, 0-based
	npages int
	// mcids holds each page's marked content: MCID → element.
	mcids [][]*element
	// annots are the link annotations, whose parent tree keys follow the
	// pages': key npages+i.
	annots []*element
	// the marked content open on the current page
	open    bool
	curElem *element
	curSpan *display.Tag
}

func newTagging(f *gofpdf.Fpdf, npages int) *tagging {
	t := &tagging{f: f, byTag: map[*display.Tag]*element{}, npages: npages, mcids: make([][]*element, npages)}
	t.doc = t.newElement("Document", nil, nil)
	return t
}

func (t *tagging) newElement(role string, tag *display.Tag, parent *element) *element {
	e := &element{role: role, tag: tag, parent: parent, page: -1}
	t.elems = append(t.elems, e)
	if parent != nil {
		parent.kids = append(parent.kids, kid{elem: e, annot: -1})
	}
	return e
}

// startPage begins page i: its Sect is made when its first content is.
func (t *tagging) startPage(i int) {
	t.page, t.sect = i, nil
	t.f.SetPageDict(fmt.Sprintf("/StructParents %d /Tabs /S", i))
}

// element returns the element of a tag (made, with its ancestors, when
// first met), or nil for an artifact.
func (t *tagging) element(tag *display.Tag) *element {
	tag = display.Content(tag)
	if tag == nil {
		return nil
	}
	if e, ok := t.byTag[tag]; ok {
		return e
	}
	parent := t.element(tag.Parent)
	if parent == nil {
		if t.sect == nil {
			t.sect = t.newElement("Sect", nil, t.doc)
		}
		parent = t.sect
	}
	role := tag.Role
	if role == "" {
		role = "Span"
	}
	e := t.newElement(role, tag, parent)
	t.byTag[tag] = e
	return e
}

// span returns the ActualText span of a tag, or nil.
func span(tag *display.Tag) *display.Tag {
	if tag != nil && tag.Role == "Span" && tag.ActualText != "" {
		return tag
	}
	return nil
}

// mark makes sure the marked content for an item with tag is open,
// closing what was open if it differs.
func (t *tagging) mark(tag *display.Tag) {
	e, sp := t.element(tag), span(tag)
	if t.open && e == t.curElem && sp == t.curSpan {
		return
	}
	t.close()
	if e != nil {
		mcid := len(t.mcids[t.page])
		t.mcids[t.page] = append(t.mcids[t.page], e)
		e.kids = append(e.kids, kid{page: t.page, mcid: mcid, annot: -1})
		for a := e; a != nil && a.page < 0; a = a.parent {
			a.page = t.page
		}
		t.f.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", e.role, mcid))
	} else {
		t.f.RawWriteStr("/Artifact BMC")
	}
	if sp != nil {
		t.f.RawWriteStr("/Span <</ActualText " + utf16Hex(sp.ActualText) + ">> BDC")
	}
	t.open, t.curElem, t.curSpan = true, e, sp
}

// continues reports whether the marked content open is that of tag.
func (t *tagging) continues(tag *display.Tag) bool {
	return t.open && t.curElem != nil && t.element(tag) == t.curElem && span(tag) == t.curSpan
}

// close ends the marked content open, if any.
func (t *tagging) close() {
	if !t.open {
		return
	}
	if t.curSpan != nil {
		t.f.RawWriteStr("EMC")
	}
	t.f.RawWriteStr("EMC")
	t.open, t.curElem, t.curSpan = false, nil, nil
}

// link adds a link annotation with add, given the entries of its
// dictionary, and records it as content of its tag's element.
func (t *tagging) link(tag *display.Tag, url string, add func(entries string) int) {
	e := t.element(tag)
	contents := url
	if tag != nil && tag.Alt != "" {
		contents = tag.Alt
	}
	if e == nil {
		add("/Contents " + utf16Hex(contents) + " ")
		return
	}
	key := t.npages + len(t.annots)
	t.annots = append(t.annots, e)
	index := add(fmt.Sprintf("/StructParent %d /Contents %s ", key, utf16Hex(contents)))
	e.kids = append(e.kids, kid{page: t.page, annot: index})
	for a := e; a != nil && a.page < 0; a = a.parent {
		a.page = t.page
	}
}

// write writes the structure tree and the metadata stream and returns
// the catalog's entries.
func (t *tagging) write(w gofpdf.ObjectWriter, doc *display.Doc, date time.Time) string {
	root := w.Next()
	for i, e := range t.elems {
		e.obj = root + 1 + i
	}
	parentTree := root + 1 + len(t.elems)
	w.Object(fmt.Sprintf("<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		t.doc.obj, parentTree, t.npages+len(t.annots)))
	for _, e := range t.elems {
		w.Object(t.elementDict(w, e, root))
	}
	var nums strings.Builder
	for p, els := range t.mcids {
		fmt.Fprintf(&nums, "%d [", p)
		for _, e := range els {
			fmt.Fprintf(&nums, "%d 0 R ", e.obj)
		}
		nums.WriteString("] ")
	}
	for i, e := range t.annots {
		fmt.Fprintf(&nums, "%d %d 0 R ", t.npages+i, e.obj)
	}
	w.Object("<</Nums [" + nums.String() + "]>>")
	meta := w.Stream("/Type /Metadata /Subtype /XML", xmp(doc, date))
	entries := fmt.Sprintf("/StructTreeRoot %d 0 R\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata %d 0 R", root, meta)
	if lang := cleanLang(doc.Lang); lang != "" {
		entries += "\n/Lang (" + lang + ")"
	}
	return entries
}

func (t *tagging) elementDict(w gofpdf.ObjectWriter, e *element, root int) string {
	var b strings.Builder
	parent := root
	if e.parent != nil {
		parent = e.parent.obj
	}
	fmt.Fprintf(&b, "<</S /%s /P %d 0 R", e.role, parent)
	pg := 0
	if e.page >= 0 {
		pg = w.PageObject(e.page + 1)
		fmt.Fprintf(&b, " /Pg %d 0 R", pg)
	}
	if tag := e.tag; tag != nil {
		if tag.Alt != "" {
			b.WriteString(" /Alt " + textString(tag.Alt))
		}
		if tag.ActualText != "" {
			b.WriteString(" /ActualText " + textString(tag.ActualText))
		}
		if lang := cleanLang(tag.Lang); lang != "" {
			b.WriteString(" /Lang (" + lang + ")")
		}
	}
	if e.role == "TH" {
		// A table's header cells are its first row: each heads its
		// column (ISO 32000-1 §14.8.5.7), so that a screen reader can
		// name the column of a data cell.
		b.WriteString(" /A <</O /Table /Scope /Column>>")
	}
	b.WriteString(" /K [")
	for _, k := range e.kids {
		kpg := w.PageObject(k.page + 1)
		switch {
		case k.elem != nil:
			fmt.Fprintf(&b, "%d 0 R ", k.elem.obj)
		case k.annot >= 0:
			fmt.Fprintf(&b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>> ", w.AnnotObject(k.page+1, k.annot), kpg)
		case kpg == pg:
			fmt.Fprintf(&b, "%d ", k.mcid)
		default:
			fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>> ", kpg, k.mcid)
		}
	}
	b.WriteString("]>>")
	return b.String()
}

// cleanLang keeps a language tag's letters, digits and hyphens: it is
// written as a PDF string.
func cleanLang(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// textString is s as a PDF text string: a literal string, in PDFDocEncoding
// if s is printable ASCII, else in UTF-16BE with a byte order mark (half
// the size of a hexadecimal string), with (, ), \ and control bytes
// escaped.
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	raw := []byte(s)
	if !ascii {
		raw = []byte{0xfe, 0xff}
		for _, u := range utf16.Encode([]rune(s)) {
			raw = append(raw, byte(u>>8), byte(u))
		}
	}
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range raw {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}
