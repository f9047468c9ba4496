// Package texts holds every text a person reads, in Spanish (complete, the
// default) and English, one file per language and concern: the core
// dialogs, the console, the scheduler's notices, the workflow steps the
// services share, and each service's own texts.
//
// Keys with {name} placeholders take a ticket's vars (Vars); the others
// take fmt verbs (Text).
package texts

import (
	"fmt"
	"strings"
)

// catalogs holds the texts by language then key. Spanish is complete;
// other languages fall back to it key by key (a test keeps English
// complete too).
var catalogs = map[string]map[string]string{
	"es": merge(esCore, esConsole, esScheduler, esCorreo, esFlujo, esMantenimiento, esWeb, esDiseno, esControlEscolar, esTelegram, esRecords, esPanel, esDelivery),
	"en": merge(enCore, enConsole, enScheduler, enCorreo, enFlujo, enMantenimiento, enWeb, enDiseno, enControlEscolar, enTelegram, enRecords, enPanel, enDelivery),
}

// spanish is the default catalog.
var spanish = catalogs["es"]

// merge joins catalogs; a key defined twice is a mistake caught at start.
func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("texts: text " + k + " defined twice")
			}
			out[k] = v
		}
	}
	return out
}

// Languages lists the languages with a catalog.
func Languages() []string { return []string{"es", "en"} }

// Known reports whether a language has a catalog.
func Known(lang string) bool {
	_, ok := catalogs[lang]
	return ok
}

// Text returns the text of key in lang, formatted with args; the key
// itself when no catalog has it.
func Text(lang, key string, args ...any) string {
	s, ok := catalogs[lang][key]
	if !ok {
		if s, ok = spanish[key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Vars returns the text of key with its {name} placeholders filled.
func Vars(lang, key string, vars map[string]string) string {
	text := Text(lang, key)
	if !strings.Contains(text, "{") {
		return text
	}
	return fill(text, vars)
}

// fill replaces each {name} of text that vars has by its value, in one
// pass: values are not read again, unknown names stay as they are.
func fill(text string, vars map[string]string) string {
	// One pass over the text, as a strings.Replacer of every "{name}"
	// would do, without building one for each message.
	var b strings.Builder
	b.Grow(len(text) + 32)
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		n := strings.IndexByte(text[open+1:], '}')
		if n < 0 {
			break
		}
		v, ok := vars[text[open+1:open+1+n]]
		if !ok {
			b.WriteString(text[:open+1])
			text = text[open+1:]
			continue
		}
		b.WriteString(text[:open])
		b.WriteString(v)
		text = text[open+n+2:]
	}
	b.WriteString(text)
	return b.String()
}

// Has reports whether a key has a text in lang or in Spanish.
func Has(lang, key string) bool {
	if _, ok := catalogs[lang][key]; ok {
		return true
	}
	_, ok := spanish[key]
	return ok
}

// Pick returns the first key that has a text, or the last one.
func Pick(lang string, keys ...string) string {
	for _, k := range keys {
		if Has(lang, k) {
			return k
		}
	}
	return keys[len(keys)-1]
}
