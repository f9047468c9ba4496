package conversations

import (
	"strings"
	"unicode"
)

var accents = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u",
	"Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u", "Ü", "u",
)

// fold lowercases text, drops accents and punctuation at the ends, and
// collapses spaces, so typed answers match labels however they are written.
func fold(s string) string {
	s = strings.ToLower(accents.Replace(s))
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	return strings.Join(strings.Fields(s), " ")
}
