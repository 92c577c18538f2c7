// Package phrase finds the phrase (文節) boundaries of Japanese text with
// the BudouX model, so that titles and short lines break between phrases
// (技術駆動, not 技|術駆動).
//
// The model, ja.json, is the Japanese model of the budoux npm package
// 0.9.2 (Copyright 2021 Google LLC, Apache License 2.0; see README.md). It
// is read here, in Go, because the Go port of BudouX cannot be fetched
// through the module proxy; the scoring is BudouX's own, a sum of learned
// weights of the unigrams, bigrams and trigrams around each position.
package phrase

import (
	_ "embed"
	"encoding/json"
	"sync"
	"unicode/utf8"
)

//go:embed ja.json
var jaModel []byte

// model holds the weights of one feature group by its text.
type model struct {
	groups [13]map[string]int32
	base   int32
}

// Feature groups in BudouX's order: unigrams UW1–UW6 at offsets -3…+2,
// bigrams BW1–BW3 at -2, -1, 0, trigrams TW1–TW4 at -3…0.
var groupNames = [13]string{"UW1", "UW2", "UW3", "UW4", "UW5", "UW6", "BW1", "BW2", "BW3", "TW1", "TW2", "TW3", "TW4"}

var (
	loadOnce sync.Once
	ja       *model
	loadErr  error
)

func load() (*model, error) {
	loadOnce.Do(func() {
		var raw map[string]map[string]int32
		if loadErr = json.Unmarshal(jaModel, &raw); loadErr != nil {
			return
		}
		m := &model{}
		var sum int64
		for i, name := range groupNames {
			m.groups[i] = raw[name]
			for _, v := range raw[name] {
				sum += int64(v)
			}
		}
		m.base = int32(-sum / 2)
		ja = m
	})
	return ja, loadErr
}

// Boundaries reports, for each index i of text, whether a phrase begins at
// text[i] (index 0 is always false). Positions are counted in runes;
// BudouX counts UTF-16 units, which differ only outside the BMP.
func Boundaries(text []rune) []bool {
	out := make([]bool, len(text))
	m, err := load()
	if err != nil || len(text) < 2 {
		return out
	}
	// sub is JavaScript's String.prototype.substring, as BudouX uses it:
	// indices clamped to the text. It slices one string, so that scoring
	// allocates nothing.
	str := string(text)
	offs := make([]int, len(text)+1)
	o := 0
	for i, r := range text {
		offs[i] = o
		if n := utf8.RuneLen(r); n > 0 {
			o += n
		} else {
			o += utf8.RuneLen(utf8.RuneError) // string() writes U+FFFD
		}
	}
	offs[len(text)] = len(str)
	sub := func(from, to int) string {
		from, to = max(from, 0), min(to, len(text))
		if from >= to {
			return ""
		}
		return str[offs[from]:offs[to]]
	}
	for i := 1; i < len(text); i++ {
		score := m.base
		feats := [13]string{
			sub(i-3, i-2), sub(i-2, i-1), sub(i-1, i), sub(i, i+1), sub(i+1, i+2), sub(i+2, i+3),
			sub(i-2, i), sub(i-1, i+1), sub(i, i+2),
			sub(i-3, i), sub(i-2, i+1), sub(i-1, i+2), sub(i, i+3),
		}
		for g, f := range feats {
			if f != "" {
				score += m.groups[g][f]
			}
		}
		out[i] = score > 0
	}
	return out
}

// Split cuts s into its phrases.
func Split(s string) []string {
	text := []rune(s)
	b := Boundaries(text)
	var out []string
	start := 0
	for i := 1; i < len(text); i++ {
		if b[i] {
			out = append(out, string(text[start:i]))
			start = i
		}
	}
	if len(text) > 0 {
		out = append(out, string(text[start:]))
	}
	return out
}
