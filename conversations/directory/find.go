package directory

import (
	"slices"
	"strings"

	"ctdesk/conversations/check"
	"ctdesk/storage"
)

// FindPerson finds the person a request names: by e-mail first, else by
// the name as the directory has it, or by its words within the full name
// written in the request («Rosa Díaz» in «Rosa Díaz Martínez»), when only
// one person fits.
func (d *Snapshot) FindPerson(email, name string) (storage.Person, bool) {
	all := d.WithRole(storage.RoleUsuario, storage.RoleSupervisor, storage.RoleAutoridad, storage.RoleTecnico, storage.RoleCoordinador)
	for _, p := range all {
		if email != "" && strings.EqualFold(p.Email, email) {
			return p, true
		}
	}
	words := strings.Fields(check.Fold(name))
	var fits []storage.Person
	for _, p := range all {
		own := strings.Fields(check.Fold(p.Name))
		if slices.Equal(own, words) {
			return p, true
		}
		if len(own) >= 2 && allIn(own, words) {
			fits = append(fits, p)
		}
	}
	if len(fits) == 1 {
		return fits[0], true
	}
	return storage.Person{}, false
}

// allIn reports whether every word is among those.
func allIn(words, those []string) bool {
	for _, w := range words {
		if !slices.Contains(those, w) {
			return false
		}
	}
	return true
}
