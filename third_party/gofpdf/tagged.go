package gofpdf

// This file is layerdeck's addition to gofpdf v1.16.2 (see PATCHES.md at
// the top of layerdeck): what a tagged PDF needs beyond marked content,
// which callers write with RawWriteStr. A caller can add entries to page
// dictionaries, link annotations and the catalog, and write objects of
// its own (a structure tree, an XMP stream) that refer to the pages and
// the link annotations by object number.

import (
	"crypto/sha256"
	"strconv"
)

// taggedType is the state of the additions, one field of Fpdf.
type taggedType struct {
	pageDicts map[int]string         // page (1-based) → extra page dictionary entries
	linkDicts map[int]map[int]string // page → link index → extra annotation entries
	hook      func(ObjectWriter) string
	catalog   string        // the catalog entries the hook returned
	pageObjs  []int         // page (1-based) → page object number, set by putpages
	annotObjs map[int][]int // page → its link annotations' object numbers, set by putpages
}

// SetPDFVersion raises the version written in the file header to v (for
// example "1.7"); a version the document's features need is kept if it
// is higher.
func (f *Fpdf) SetPDFVersion(v string) {
	if v > f.pdfVersion {
		f.pdfVersion = v
	}
}

// SetPageDict adds entries (for example "/StructParents 0 /Tabs /S") to the
// dictionary of the current page.
func (f *Fpdf) SetPageDict(entries string) {
	if f.tagged.pageDicts == nil {
		f.tagged.pageDicts = map[int]string{}
	}
	f.tagged.pageDicts[f.page] = entries
}

// LinkStringDict is LinkString with extra entries for the link
// annotation's dictionary (for example "/StructParent 3 /Contents (…)").
// It returns the index of the link on its page, for
// ObjectWriter.AnnotObject.
func (f *Fpdf) LinkStringDict(x, y, w, h float64, linkStr, entries string) int {
	f.newLink(x, y, w, h, 0, linkStr)
	i := len(f.pageLinks[f.page]) - 1
	if f.tagged.linkDicts == nil {
		f.tagged.linkDicts = map[int]map[int]string{}
	}
	if f.tagged.linkDicts[f.page] == nil {
		f.tagged.linkDicts[f.page] = map[int]string{}
	}
	f.tagged.linkDicts[f.page][i] = entries
	return i
}

// SetDocumentHook sets a function called once while the document is
// output, after the pages, resources and outlines: it may write objects
// with w, and returns entries for the catalog dictionary (for example
// "/Lang (ja) /StructTreeRoot 40 0 R").
func (f *Fpdf) SetDocumentHook(hook func(w ObjectWriter) string) {
	f.tagged.hook = hook
}

// ObjectWriter writes objects of a document hook.
type ObjectWriter struct{ f *Fpdf }

// Next is the number the next object written will have.
func (w ObjectWriter) Next() int { return w.f.n + 1 }

// PageObject is the object number of page n (1-based).
func (w ObjectWriter) PageObject(n int) int {
	if n < 1 || n >= len(w.f.tagged.pageObjs) {
		return 0
	}
	return w.f.tagged.pageObjs[n]
}

// AnnotObject is the object number of the i-th link annotation of page n
// (as LinkStringDict numbers them), or 0.
func (w ObjectWriter) AnnotObject(n, i int) int {
	objs := w.f.tagged.annotObjs[n]
	if i < 0 || i >= len(objs) {
		return 0
	}
	return objs[i]
}

// Object writes an object whose body is body (a dictionary, an array)
// and returns its number.
func (w ObjectWriter) Object(body string) int {
	w.f.newobj()
	w.f.out(body)
	w.f.out("endobj")
	return w.f.n
}

// Stream writes a stream object, uncompressed, with the entries of dict
// (besides /Length) and returns its number.
func (w ObjectWriter) Stream(dict string, data []byte) int {
	w.f.newobj()
	w.f.out("<<" + dict + " /Length " + strconv.Itoa(len(data)) + ">>")
	w.f.putstream(data)
	w.f.out("endobj")
	return w.f.n
}

// putDocumentHook runs the hook, if any, keeping its catalog entries.
func (f *Fpdf) putDocumentHook() {
	if f.tagged.hook != nil {
		f.tagged.catalog = f.tagged.hook(ObjectWriter{f})
	}
}

// subsetTag is the six capital letters that name a font subset
// (ISO 32000-1 §9.6.4), taken from the subset's bytes: the same subset
// gets the same tag, so output stays reproducible.
func subsetTag(font []byte) string {
	sum := sha256.Sum256(font)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
