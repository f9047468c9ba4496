package calendar

import (
	"strconv"
	"strings"
	"time"
)

var weekdays = map[string]time.Weekday{
	"lunes": time.Monday, "martes": time.Tuesday, "miercoles": time.Wednesday,
	"jueves": time.Thursday, "viernes": time.Friday, "sabado": time.Saturday,
	"domingo": time.Sunday,
}

var weekdayNames = [...]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}

var months = map[string]time.Month{
	"enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3,
	"abril": 4, "abr": 4, "mayo": 5, "may": 5, "junio": 6, "jun": 6,
	"julio": 7, "jul": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
	"sep": 9, "sept": 9, "set": 9, "octubre": 10, "oct": 10, "noviembre": 11,
	"nov": 11, "diciembre": 12, "dic": 12,
}

var numberWords = map[string]int{
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
	"seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "quince": 15,
}

// number reads a small count written in digits or in words.
func number(s string) (int, bool) {
	if n, ok := numberWords[s]; ok {
		return n, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 366
}

// normalize lowercases, drops accents and the dieresis, and turns commas
// and final punctuation into spaces, so "Mañana." reads as "manana".
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'á', 'à', 'ä':
			r = 'a'
		case 'é', 'è', 'ë':
			r = 'e'
		case 'í', 'ì', 'ï':
			r = 'i'
		case 'ó', 'ò', 'ö':
			r = 'o'
		case 'ú', 'ù', 'ü':
			r = 'u'
		case 'ñ':
			r = 'n'
		case ',', '!', '¡', '?', '¿', ';':
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(strings.TrimSpace(b.String()), ".")
}
