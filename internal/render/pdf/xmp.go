package pdf

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/layerdeck/layerdeck/internal/display"
)

// xmp is the document's XMP metadata packet (ISO 16684-1): the same
// title, author, subject, keywords and dates as the document information
// dictionary, and its language.
func xmp(doc *display.Doc, date time.Time) []byte {
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	d := date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
`)
	if doc.Title != "" {
		b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(doc.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if doc.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(doc.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if doc.Subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(doc.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if lang := cleanLang(doc.Lang); lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if doc.Keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(doc.Keywords) + "</pdf:Keywords>\n")
	}
	b.WriteString("<pdf:Producer>layerdeck</pdf:Producer>\n<xmp:CreatorTool>layerdeck</xmp:CreatorTool>\n")
	b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}
