package calendar

import "time"

// Holiday names, as the Ley Federal del Trabajo (art. 74) calls the days.
const (
	AnioNuevo       = "Año Nuevo"
	Constitucion    = "Día de la Constitución"
	BenitoJuarez    = "Natalicio de Benito Juárez"
	DiaDelTrabajo   = "Día del Trabajo"
	Independencia   = "Día de la Independencia"
	TransmisionPEF  = "Transmisión del Poder Ejecutivo Federal"
	Revolucion      = "Día de la Revolución"
	Navidad         = "Navidad"
	mondayReformYr  = 2006 // the 2006 reform moved three holidays to Mondays
	octoberReformYr = 2024 // the 2024 change of the executive moved from 1 Dec to 1 Oct
)

// OfficialHoliday reports whether the day y-m-d is a mandatory rest day of
// art. 74 of the Ley Federal del Trabajo, and its name. Election days, which
// local law sets, belong in the configuration as closed days.
func OfficialHoliday(y int, m time.Month, d int) (name string, ok bool) {
	switch {
	case m == time.January && d == 1:
		return AnioNuevo, true
	case m == time.February && d == mondayOr(y, m, 1, 5):
		return Constitucion, true
	case m == time.March && d == mondayOr(y, m, 3, 21):
		return BenitoJuarez, true
	case m == time.May && d == 1:
		return DiaDelTrabajo, true
	case m == time.September && d == 16:
		return Independencia, true
	case m == time.October && d == 1 && y >= octoberReformYr && inaugurationYear(y):
		return TransmisionPEF, true
	case m == time.November && d == mondayOr(y, m, 3, 20):
		return Revolucion, true
	case m == time.December && d == 1 && y < octoberReformYr && inaugurationYear(y):
		return TransmisionPEF, true
	case m == time.December && d == 25:
		return Navidad, true
	}
	return "", false
}

// inaugurationYear reports whether a federal executive takes office in y:
// every six years, 2000, 2006, 2012, 2018, 2024, 2030…
func inaugurationYear(y int) bool {
	return ((y-2000)%6+6)%6 == 0
}

// mondayOr returns the day of the nth Monday of the month from 2006 on, and
// the fixed day the law set before.
func mondayOr(y int, m time.Month, nth, fixed int) int {
	if y < mondayReformYr {
		return fixed
	}
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Weekday()
	offset := (int(time.Monday) - int(first) + 7) % 7
	return 1 + offset + 7*(nth-1)
}
