package config

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"ctdesk/conversations"
	"ctdesk/conversations/check"
)

// locate returns the line of a place in the file: keys and list indexes,
// as in ("people", 3, "area"); 0 when unknown.
type locate func(path ...any) int

// locator finds places in a parsed file; the deepest node found gives the line.
func locator(root *yaml.Node) locate {
	return func(path ...any) int {
		n, line := root, root.Line
		for _, step := range path {
			if n.Kind == yaml.AliasNode && n.Alias != nil {
				n = n.Alias
			}
			var next *yaml.Node
			switch s := step.(type) {
			case string:
				for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						next = n.Content[i+1]
						line = n.Content[i].Line
					}
				}
			case int:
				if n.Kind == yaml.SequenceNode && s < len(n.Content) {
					next = n.Content[s]
				}
			}
			if next == nil {
				return line
			}
			n, line = next, next.Line
		}
		return line
	}
}

// check validates what the configuration says and fills defaults.
func (c *Config) check(at locate) []problem {
	if at == nil {
		at = func(...any) int { return 0 }
	}
	var ps []problem
	bad := func(line int, format string, args ...any) {
		ps = append(ps, problem{line, fmt.Sprintf(format, args...)})
	}
	if c.Timezone == "" {
		c.Timezone = "America/Mexico_City"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		bad(at("timezone"), "timezone: zona horaria desconocida «%s»; escribe una de la base IANA, p. ej. America/Mexico_City, America/Monterrey o America/Tijuana", c.Timezone)
		loc = time.UTC
	}
	c.location = loc
	if c.Language == "" {
		c.Language = "es"
	}
	if !slices.Contains(conversations.Languages(), c.Language) {
		bad(at("language"), "language: idioma «%s» desconocido; usa es (español) o en (inglés)", c.Language)
	}
	if strings.TrimSpace(c.Institution) == "" {
		bad(at("institution"), "institution: falta el nombre de la institución, p. ej. «institution: Universidad Politécnica de Ejemplo»")
	}
	if d := c.MailDomain; d != "" && !check.HostName(strings.ToLower(d)) {
		bad(at("mail_domain"), "mail_domain: «%s» no es un dominio; escribe solo el dominio, p. ej. upe.edu.mx", d)
	}
	if c.DialogIdle < 0 {
		bad(at("dialog_idle"), "dialog_idle: la duración no puede ser negativa")
	}
	ps = append(ps, c.checkDirectory(at)...)
	ps = append(ps, checkApprovals(c.Approvals, at)...)
	for i, d := range c.ClosedDays {
		if _, _, err := d.days(); err != nil {
			bad(at("closed_days", i), "closed_days › %s: %v", orDefault(d.Name, "elemento "+strconv.Itoa(i+1)), err)
		}
	}
	ps = append(ps, c.Schedules.check(at, c.People)...)
	return ps
}

// checkDirectory validates areas and people and how they refer to each other.
func (c *Config) checkDirectory(at locate) []problem {
	var ps []problem
	bad := func(line int, format string, args ...any) {
		ps = append(ps, problem{line, fmt.Sprintf(format, args...)})
	}
	if len(c.Areas) == 0 {
		bad(at("areas"), "areas: falta la lista de áreas, cada una con id, name y supervisor")
	}
	if len(c.People) == 0 {
		bad(at("people"), "people: falta la lista de personas, cada una con id, name, role y area")
	}
	areas := map[string]bool{}
	var areaIDs []string
	for i, a := range c.Areas {
		switch {
		case a.ID == "":
			bad(at("areas", i), "areas › elemento %d: falta su id", i+1)
		case areas[a.ID]:
			bad(at("areas", i, "id"), "areas › %s: el área aparece dos veces", a.ID)
		}
		areas[a.ID] = true
		areaIDs = append(areaIDs, a.ID)
	}
	people := map[string]bool{}
	var ids []string
	for _, p := range c.People {
		people[p.ID] = true
		ids = append(ids, p.ID)
	}
	seen := map[string]bool{}
	chats := map[string]string{}
	for i, p := range c.People {
		ps = append(ps, checkPerson(i, p, at, areas, areaIDs, seen, chats)...)
	}
	for i, a := range c.Areas {
		if !people[a.Supervisor] {
			bad(at("areas", i, "supervisor"), "areas › %s: el jefe inmediato «%s» no está entre people%s", orDefault(a.ID, "elemento "+strconv.Itoa(i+1)), a.Supervisor, didYouMean(a.Supervisor, ids))
		}
	}
	return ps
}

// checkPerson validates one person of the directory; seen and chats
// collect ids and accounts to find them repeated.
func checkPerson(i int, p PersonConfig, at locate, areas map[string]bool, areaIDs []string, seen map[string]bool, chats map[string]string) []problem {
	var ps []problem
	bad := func(line int, format string, args ...any) {
		ps = append(ps, problem{line, fmt.Sprintf(format, args...)})
	}
	who := "people › " + orDefault(p.ID, "elemento "+strconv.Itoa(i+1))
	switch {
	case p.ID == "" || strings.ContainsAny(p.ID, ": "):
		bad(at("people", i, "id"), "%s: id «%s» no válido: escribe una palabra corta sin espacios ni «:», p. ej. rosa", who, p.ID)
	case seen[p.ID]:
		bad(at("people", i, "id"), "%s: la persona aparece dos veces", who)
	}
	seen[p.ID] = true
	if !p.role().Valid() {
		bad(at("people", i, "role"), "%s: rol «%s» desconocido; usa usuario, supervisor, autoridad, técnico (o tecnico) o coordinador", who, p.Role)
	}
	if !areas[p.Area] {
		bad(at("people", i, "area"), "%s: el área «%s» no existe en areas%s; las áreas son: %s", who, p.Area, didYouMean(p.Area, areaIDs), strings.Join(areaIDs, ", "))
	}
	if p.Language != "" && !slices.Contains(conversations.Languages(), p.Language) {
		bad(at("people", i, "language"), "%s: idioma «%s» desconocido; usa es o en, o quítalo para usar el de la institución", who, p.Language)
	}
	switch p.Platform {
	case "", "telegram", "slack", "console":
	default:
		bad(at("people", i, "platform"), "%s: plataforma «%s» desconocida; usa telegram o slack, o quítala para avisarle donde escribió por última vez", who, p.Platform)
	}
	if p.Email != "" {
		if _, err := mail.ParseAddress(p.Email); err != nil || !strings.Contains(p.Email, "@") {
			bad(at("people", i, "email"), "%s: «%s» no es un correo electrónico", who, p.Email)
		}
	}
	for _, acct := range []string{telegramKey(p.Telegram), slackKey(p.Slack)} {
		if acct == "" {
			continue
		}
		if other, dup := chats[acct]; dup {
			bad(at("people", i), "%s: tiene la misma cuenta %s que %s; cada cuenta es de una sola persona", who, acct, other)
		}
		chats[acct] = p.ID
	}
	return ps
}

// didYouMean proposes the nearest of names, or nothing.
func didYouMean(got string, names []string) string {
	if near := Nearest(got, names, 2); len(near) > 0 {
		return " (¿quisiste decir «" + strings.Join(near, "» o «") + "»?)"
	}
	return ""
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
