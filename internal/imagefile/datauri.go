package imagefile

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// IsData reports whether an image source is a data: URI.
func IsData(src string) bool {
	return len(src) >= 5 && strings.EqualFold(src[:5], "data:")
}

// Short is an image source fit for a message: a data: URI is cut after
// its media type ("data:image/png;base64,…").
func Short(src string) string {
	if !IsData(src) {
		return src
	}
	if i := strings.IndexByte(src, ','); i >= 0 && i < 64 {
		return src[:i+1] + "…"
	}
	return src[:min(len(src), 40)] + "…"
}

// dataTypes are the media types of data: images layerdeck draws.
var dataTypes = []string{"image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/svg+xml"}

// DataURIBytes returns the bytes a data: URI holds (base64 or
// percent-encoded), of at most lim.MaxBytes, after checking that its
// media type is one of an image layerdeck draws.
func DataURIBytes(uri string, lim Limits) ([]byte, error) {
	if !IsData(uri) {
		return nil, errors.New("is not a data: URI")
	}
	meta, payload, ok := strings.Cut(uri[5:], ",")
	if !ok {
		return nil, errors.New("is not a valid data: URI (no comma before the data)")
	}
	params := strings.Split(meta, ";")
	mtype := strings.ToLower(strings.TrimSpace(params[0]))
	isBase64 := false
	for _, p := range params[1:] {
		if strings.EqualFold(strings.TrimSpace(p), "base64") {
			isBase64 = true
		}
	}
	known := false
	for _, t := range dataTypes {
		known = known || mtype == t
	}
	if !known {
		if mtype == "" {
			mtype = "text/plain"
		}
		return nil, fmt.Errorf("is a data: URI of type %s, not a PNG, JPEG, GIF, WebP or SVG image", mtype)
	}
	// A base64 payload decodes to 3/4 of its length; a percent-encoded
	// one to at most its length.
	if int64(len(payload))*3/4 > lim.MaxBytes {
		return nil, fmt.Errorf("is more than the %s an image may have", bytesize(lim.MaxBytes))
	}
	if isBase64 {
		clean := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		if u, err := url.PathUnescape(clean); err == nil {
			clean = u
		}
		enc := base64.StdEncoding
		if !strings.HasSuffix(clean, "=") && len(clean)%4 != 0 {
			enc = base64.RawStdEncoding
		}
		data, err := enc.DecodeString(clean)
		if err != nil {
			return nil, fmt.Errorf("is a data: URI whose base64 cannot be read: %v", err)
		}
		return data, nil
	}
	s, err := url.PathUnescape(payload)
	if err != nil {
		return nil, fmt.Errorf("is a data: URI whose text cannot be read: %v", err)
	}
	return []byte(s), nil
}

// DecodeDataURI reads an image held in a data: URI, as Decode does bytes.
func DecodeDataURI(uri string, lim Limits) (*File, error) {
	data, err := DataURIBytes(uri, lim)
	if err != nil {
		return nil, err
	}
	return Decode(data, lim)
}
