package texts

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// A text whose words change with a number is written once per plural form
// under its key: "<key>#one" and "<key>#other" (and "<key>#0" for an exact
// zero said in words, «desde hoy» rather than «desde hace 0 días»). Which
// form a number takes is CLDR's rule for the language, from
// golang.org/x/text/feature/plural: the catalogue holds whole phrases, so a
// translator writes «1 archivo» and «3 archivos», never a suffix.

// pluralForms names the CLDR forms as catalogue suffixes.
var pluralForms = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// tags are the languages as CLDR knows them, parsed once.
var tags = map[string]language.Tag{}

func init() {
	for _, l := range Languages() {
		tags[l] = language.Make(l)
	}
}

// Plural returns the form of key that n takes in lang, formatted with args
// (with n alone when no args are given). A form the language lacks falls
// back to "other"; a form that says the number in words («una vez»,
// «menos de un día») takes no arguments.
func Plural(lang, key string, n int, args ...any) string {
	k := pluralKey(lang, key, n)
	if !strings.Contains(Text(lang, k), "%") {
		return Text(lang, k)
	}
	if len(args) == 0 {
		args = []any{n}
	}
	return Text(lang, k, args...)
}

// pluralKey chooses the catalogue key of n's form of key.
func pluralKey(lang, key string, n int) string {
	if n == 0 && Has(lang, key+"#0") {
		return key + "#0"
	}
	tag, ok := tags[lang]
	if !ok {
		tag = tags["es"]
	}
	i := n
	if i < 0 {
		i = -i
	}
	form := plural.Cardinal.MatchPlural(tag, i, 0, 0, 0, 0)
	if k := key + "#" + pluralForms[form]; Has(lang, k) {
		return k
	}
	return key + "#other"
}
