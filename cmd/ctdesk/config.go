package main

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

//go:embed example.yaml
var exampleConfig []byte

// Config is the YAML configuration file (DESIGN §6).
type Config struct {
	Institution string          `yaml:"institution"`
	Timezone    string          `yaml:"timezone"`
	Language    string          `yaml:"language"`
	MailDomain  string          `yaml:"mail_domain"`
	DialogIdle  time.Duration   `yaml:"dialog_idle"`
	Approvals   map[string]bool `yaml:"approvals"`
	ClosedDays  []ClosedDays    `yaml:"closed_days"`
	Schedules   Schedules       `yaml:"schedules"`
	Areas       []storage.Area  `yaml:"areas"`
	People      []PersonConfig  `yaml:"people"`

	location *time.Location
	source   string
}

// ClosedDays are days without work besides the official holidays.
type ClosedDays struct {
	Name string `yaml:"name"`
	From string `yaml:"from"` // aaaa-mm-dd
	To   string `yaml:"to"`   // aaaa-mm-dd, inclusive; empty for one day
}

// PersonConfig is a person of the directory as written in the file.
type PersonConfig struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Role     string `yaml:"role"`
	Area     string `yaml:"area"`
	Position string `yaml:"position"`
	Email    string `yaml:"email"`
	Telegram int64  `yaml:"telegram"`
	Slack    string `yaml:"slack"`
	Platform string `yaml:"platform"`
	Language string `yaml:"language"`
}

// loadConfig reads CTDESK_CONFIG, or the bundled example when it is unset.
func loadConfig(getenv func(string) string) (*Config, error) {
	data, source := exampleConfig, "ejemplo incluido"
	if path := getenv("CTDESK_CONFIG"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		data, source = b, path
	}
	var c Config
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("config %s: %w", source, err)
	}
	c.source = source
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", source, err)
	}
	return &c, nil
}

// Validate checks the configuration and fills defaults; every problem is
// reported, not only the first.
func (c *Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.Timezone == "" {
		c.Timezone = "America/Mexico_City"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		bad("timezone %q: zona horaria desconocida (ejemplo: America/Mexico_City)", c.Timezone)
	}
	c.location = loc
	if c.Language == "" {
		c.Language = "es"
	}
	if c.Language != "es" && c.Language != "en" {
		bad("language %q: usa es o en", c.Language)
	}
	if c.Institution == "" {
		bad("institution: falta el nombre de la institución")
	}
	areas := map[string]bool{}
	for _, a := range c.Areas {
		switch {
		case a.ID == "":
			bad("areas: un área no tiene id")
		case areas[a.ID]:
			bad("areas: el área %q aparece dos veces", a.ID)
		}
		areas[a.ID] = true
	}
	people := map[string]bool{}
	chats := map[string]string{}
	for _, p := range c.People {
		switch {
		case p.ID == "" || strings.ContainsAny(p.ID, ": "):
			bad("people: id %q no válido (sin espacios ni «:»)", p.ID)
		case people[p.ID]:
			bad("people: la persona %q aparece dos veces", p.ID)
		}
		people[p.ID] = true
		if !storage.Role(p.Role).Valid() {
			bad("people: %s: rol %q desconocido (usuario, supervisor, autoridad, tecnico, coordinador)", p.ID, p.Role)
		}
		if !areas[p.Area] {
			bad("people: %s: el área %q no existe en areas", p.ID, p.Area)
		}
		for _, acct := range []string{telegramKey(p.Telegram), slackKey(p.Slack)} {
			if acct == "" {
				continue
			}
			if other, dup := chats[acct]; dup {
				bad("people: %s y %s tienen la misma cuenta %s", other, p.ID, acct)
			}
			chats[acct] = p.ID
		}
	}
	for _, a := range c.Areas {
		if !people[a.Supervisor] {
			bad("areas: %s: el jefe inmediato %q no está entre people", a.ID, a.Supervisor)
		}
	}
	for _, d := range c.ClosedDays {
		if _, _, err := d.days(); err != nil {
			bad("closed_days: %s: %v", d.Name, err)
		}
	}
	if err := c.Schedules.validate(); err != nil {
		bad("schedules: %v", err)
	}
	return errors.Join(errs...)
}

func telegramKey(id int64) string {
	if id == 0 {
		return ""
	}
	return "telegram " + strconv.FormatInt(id, 10)
}

func slackKey(id string) string {
	if id == "" {
		return ""
	}
	return "slack " + id
}

// days parses a closed range.
func (d ClosedDays) days() (from, to time.Time, err error) {
	from, err = time.Parse("2006-01-02", d.From)
	if err != nil {
		return from, to, fmt.Errorf("from %q: usa aaaa-mm-dd", d.From)
	}
	to = from
	if d.To != "" {
		if to, err = time.Parse("2006-01-02", d.To); err != nil {
			return from, to, fmt.Errorf("to %q: usa aaaa-mm-dd", d.To)
		}
	}
	if to.Before(from) {
		return from, to, fmt.Errorf("to %s es anterior a from %s", d.To, d.From)
	}
	return from, to, nil
}

// calendar builds the business-day calendar of the institution.
func (c *Config) calendar() *calendar.Calendar {
	var closed []calendar.Closed
	for _, d := range c.ClosedDays {
		from, to, _ := d.days()
		closed = append(closed, calendar.Closed{Name: d.Name,
			From: calendar.Day(from.Year(), from.Month(), from.Day()),
			To:   calendar.Day(to.Year(), to.Month(), to.Day())})
	}
	return calendar.New(c.location, closed...)
}

// person turns a configured person into a directory entry.
func (p PersonConfig) person() storage.Person {
	out := storage.Person{
		ID: p.ID, Name: p.Name, Role: storage.Role(p.Role), Area: p.Area, Position: p.Position,
		Email: p.Email, Platform: p.Platform, Language: p.Language,
		Accounts: map[string]string{"console": p.ID},
	}
	if p.Telegram != 0 {
		out.Accounts["telegram"] = strconv.FormatInt(p.Telegram, 10)
	}
	if p.Slack != "" {
		out.Accounts["slack"] = p.Slack
	}
	return out
}
