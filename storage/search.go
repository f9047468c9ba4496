package storage

import (
	"sort"
	"strings"
	"unicode"
)

// Bounds of what a ticket is found by, so its search words stay small.
const (
	maxSearchWords = 80
	maxWordLen     = 40
)

// SearchText is what a ticket is found by, as the stores keep it: its
// search words between spaces (" ct 2026 0042 42 rosa impresora "). The
// words are those of its folio, requester, assignee and answers, folded
// (see SearchWords); the folio's come first, so a store that assigns the
// folio may write them in front of the rest (FolioSearchText).
func SearchText(t *Ticket) string {
	var b strings.Builder
	b.WriteString(FolioSearchText(t.Folio))
	seen := map[string]bool{}
	n := 0
	add := func(s string) {
		for _, w := range SearchWords(s) {
			if n >= maxSearchWords || seen[w] {
				continue
			}
			seen[w] = true
			n++
			b.WriteString(w + " ")
		}
	}
	if b.Len() == 0 {
		b.WriteByte(' ')
	}
	add(t.Requester)
	add(t.Assignee)
	keys := make([]string, 0, len(t.Fields))
	for k := range t.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(t.Fields[k])
	}
	return b.String()
}

// FolioSearchText is the search text of a folio alone (" ct 2026 0042 42 "),
// "" for none. The numbers are also found without their leading zeros.
func FolioSearchText(folio string) string {
	if folio == "" {
		return ""
	}
	return " " + strings.Join(SearchWords(folio), " ") + " "
}

// SearchWords splits what a person typed into the words searches compare:
// lower case, without accents, cut at anything that is not a letter or a
// digit; a number with leading zeros is also given without them ("0042",
// "42"). Each word is at most 40 characters.
func SearchWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(foldSearch(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if r := []rune(w); len(r) > maxWordLen {
			w = string(r[:maxWordLen])
		}
		out = append(out, w)
		if t := strings.TrimLeft(w, "0"); t != w && t != "" && isDigits(t) {
			out = append(out, t)
		}
	}
	return out
}

var searchFold = strings.NewReplacer(
	"á", "a", "à", "a", "ä", "a", "â", "a", "é", "e", "è", "e", "ë", "e", "ê", "e",
	"í", "i", "ì", "i", "ï", "i", "î", "i", "ó", "o", "ò", "o", "ö", "o", "ô", "o",
	"ú", "u", "ù", "u", "ü", "u", "û", "u", "ñ", "n", "ç", "c",
)

func foldSearch(s string) string { return searchFold.Replace(strings.ToLower(s)) }

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// hasWordPrefix reports whether w begins one of the words of text.
func hasWordPrefix(text, w string) bool { return strings.Contains(text, " "+w) }
