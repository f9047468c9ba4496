package conversations

import (
	"fmt"
	"strings"
)

// catalogs holds every text a person reads, by language then key. Spanish
// is complete; other languages fall back to it key by key (a test keeps
// English complete too). Each service brings its own texts.
var catalogs = map[string]map[string]string{
	"es": merge(esCore, esConsole, esScheduler, esCorreo, esFlujo, esMantenimiento, esWeb, esDiseno, esControlEscolar, esTelegram, esDelivery),
	"en": merge(enCore, enConsole, enScheduler, enCorreo, enFlujo, enMantenimiento, enWeb, enDiseno, enControlEscolar, enTelegram, enDelivery),
}

// textsES is the default catalog.
var textsES = catalogs["es"]

// merge joins catalogs; a key defined twice is a mistake caught at start.
func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				panic("conversations: text " + k + " defined twice")
			}
			out[k] = v
		}
	}
	return out
}

// Languages lists the languages with a catalog.
func Languages() []string { return []string{"es", "en"} }

// translate returns the text of key in lang, formatted with args.
func translate(lang, key string, args ...any) string {
	s, ok := catalogs[lang][key]
	if !ok {
		if s, ok = textsES[key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// translateVars returns the text of key with its {name} placeholders filled.
func translateVars(lang, key string, vars map[string]string) string {
	s := translate(lang, key)
	if !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// hasText reports whether a key has a text in lang or in Spanish.
func hasText(lang, key string) bool {
	if _, ok := catalogs[lang][key]; ok {
		return true
	}
	_, ok := textsES[key]
	return ok
}

// pick returns the first key that has a text, or the last one.
func pick(lang string, keys ...string) string {
	for _, k := range keys {
		if hasText(lang, k) {
			return k
		}
	}
	return keys[len(keys)-1]
}

// Text returns a catalog text, for adapters and jobs that speak outside a dialog.
func Text(lang, key string, args ...any) string { return translate(lang, key, args...) }
