package check

import (
	"strings"
	"unicode"
)

// Name reads a person's name: its words joined by single spaces. A name
// starts with a letter, has at least two letters, and besides letters (with
// their accents) holds only spaces, apostrophes, hyphens and dots, so
// «O'Brien», «Ma. José» and «Pérez-Núñez» are names and «<b>&"'» is not.
func Name(text string) (string, bool) {
	name := strings.Join(strings.Fields(text), " ")
	letters := 0
	for i, r := range name {
		switch {
		case unicode.IsLetter(r):
			letters++
		case i == 0:
			return "", false
		case unicode.Is(unicode.Mn, r), strings.ContainsRune(" '’-.", r):
		default:
			return "", false
		}
	}
	if letters < 2 {
		return "", false
	}
	return name, true
}
