package texts

import (
	"regexp"
	"sort"
	"testing"
)

var verbs = regexp.MustCompile(`%[dsvq]|\{[a-z]+\}`)

// TestCatalogsComplete keeps every language complete and each text's
// placeholders the same as in Spanish, so no one reads a raw key or a
// "%!s(MISSING)".
func TestCatalogsComplete(t *testing.T) {
	for _, lang := range Languages() {
		cat := catalogs[lang]
		for key, es := range spanish {
			other, ok := cat[key]
			if !ok {
				t.Errorf("%s: missing %q", lang, key)
				continue
			}
			want, got := verbs.FindAllString(es, -1), verbs.FindAllString(other, -1)
			sort.Strings(want)
			sort.Strings(got)
			if len(want) != len(got) {
				t.Errorf("%s %q: placeholders %v, Spanish has %v", lang, key, got, want)
				continue
			}
			for i := range want {
				if want[i] != got[i] {
					t.Errorf("%s %q: placeholders %v, Spanish has %v", lang, key, got, want)
					break
				}
			}
		}
		for key := range cat {
			if _, ok := spanish[key]; !ok {
				t.Errorf("%s: %q is not in Spanish", lang, key)
			}
		}
	}
}
