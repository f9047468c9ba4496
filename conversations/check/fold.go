package check

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var accents = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u",
	"Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u", "Ü", "u",
)

// Fold lowercases text, drops accents and punctuation at the ends, and
// collapses spaces, so typed answers match labels however they are written.
func Fold(s string) string {
	s = strings.ToLower(accents.Replace(s))
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	return strings.Join(strings.Fields(s), " ")
}

// Clip cuts s to at most n bytes, on a character boundary, trimmed.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return strings.TrimSpace(s)
}

// FirstName is the first word of a person's name.
func FirstName(name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return first
}
