package texts

import (
	"regexp"
	"sort"
	"strings"
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

// suffixPlural finds a plural written as a suffix in parentheses (a «día»
// followed by an «s» between parentheses), where the catalogue must have
// one form per number.
var suffixPlural = regexp.MustCompile(`\p{L}\((s|es)\)`)

// TestNoSuffixPlurals: no text leaves the reader to pick the number.
func TestNoSuffixPlurals(t *testing.T) {
	for lang, cat := range catalogs {
		for key, text := range cat {
			if m := suffixPlural.FindString(text); m != "" {
				t.Errorf("%s %q: «%s» — write its forms as %s#one and %s#other", lang, key, m, key, key)
			}
		}
	}
}

// TestPluralForms: every text written in plural forms has both «one» and
// «other» in every language, so each number reads right.
func TestPluralForms(t *testing.T) {
	for lang, cat := range catalogs {
		for key := range cat {
			base, form, ok := strings.Cut(key, "#")
			if !ok {
				continue
			}
			if _, plain := cat[base]; plain {
				t.Errorf("%s %q: written both plain and in plural forms", lang, base)
			}
			if form != "0" && form != "one" && form != "other" {
				t.Errorf("%s %q: unknown plural form %q", lang, key, form)
			}
			for _, need := range []string{"#one", "#other"} {
				if _, ok := cat[base+need]; !ok {
					t.Errorf("%s %q: missing %s", lang, base, need)
				}
			}
		}
	}
}

// TestPlural: the number chooses the form, in each language.
func TestPlural(t *testing.T) {
	tests := []struct {
		lang, key string
		n         int
		want      string
	}{
		{"es", "form.files.count", 1, "1 archivo"},
		{"es", "form.files.count", 4, "4 archivos"},
		{"es", "form.files.count", 0, "0 archivos"},
		{"es", "count.business_days", 1, "1 día hábil"},
		{"es", "count.business_days", 3, "3 días hábiles"},
		{"es", "count.business_days.left", 1, "queda 1 día hábil"},
		{"es", "count.days", 0, "menos de un día"},
		{"es", "sched.digest.age", 0, "(desde hace menos de un día)"},
		{"es", "sched.digest.age", 2, "(desde hace 2 días)"},
		{"en", "form.files.count", 1, "1 file"},
		{"en", "form.files.count", 2, "2 files"},
		{"en", "count.days", 0, "less than a day"},
	}
	for _, tc := range tests {
		if got := Plural(tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("Plural(%s, %s, %d) = %q, want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
	if got := Plural("es", "program.rejected", 1, "plan.csv", 1); got != "No cargué el archivo «plan.csv» porque tiene 1 problema; no guardé nada:" {
		t.Errorf("a plural with other arguments: got %q", got)
	}
}
