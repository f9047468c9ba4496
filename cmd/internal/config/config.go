// Package config reads ctdesk's YAML configuration file, checks it whole
// and reports every problem in Spanish with its line, and summarises a
// valid one for «ctdesk config check».
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

//go:embed example.yaml
var exampleConfig []byte

// ExampleSource names the bundled example configuration.
const ExampleSource = "ejemplo incluido"

// Example returns the bundled example configuration, as written.
func Example() []byte { return slices.Clone(exampleConfig) }

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

// Load reads CTDESK_CONFIG, or the bundled example when it is unset.
func Load(path string) (*Config, error) {
	if path == "" {
		c, err := parse(ExampleSource, exampleConfig)
		return c, err
	}
	return Read(path)
}

// Read reads and checks a configuration file.
func Read(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("el archivo de configuración %s no existe (CTDESK_CONFIG); «ctdesk config example > %s» escribe uno de ejemplo", path, path)
		}
		return nil, fmt.Errorf("no pude leer la configuración %s: %w", path, err)
	}
	return parse(path, data)
}

// parse reads a configuration and checks it whole: its YAML, its
// keys and kinds of values, then what they say. Every problem is
// reported at once, with its line, in a *Error.
func parse(source string, data []byte) (*Config, error) {
	fail := func(ps ...problem) (*Config, error) { return nil, &Error{source: source, problems: ps} }
	if len(strings.TrimSpace(string(data))) == 0 {
		return fail(problem{msg: "el archivo está vacío: escribe al menos institution, areas y people (ver «ctdesk config example»)"})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return fail(yamlSyntax(err))
	}
	if len(root.Content) == 0 {
		return fail(problem{msg: "el archivo no tiene configuración, solo comentarios: escribe al menos institution, areas y people"})
	}
	var ps []problem
	add := func(line int, msg string) { ps = append(ps, problem{line, msg}) }
	checkShape(root.Content[0], reflect.TypeFor[Config](), "", add)
	var c Config
	if len(ps) == 0 {
		if err := root.Content[0].Decode(&c); err != nil {
			return fail(problem{msg: "el YAML no se pudo leer: " + err.Error()})
		}
	} else {
		_ = root.Content[0].Decode(&c) // what decoded is still checked below
	}
	c.source = source
	ps = append(ps, c.check(locator(root.Content[0]))...)
	if len(ps) > 0 {
		slices.SortStableFunc(ps, func(a, b problem) int { return a.line - b.line })
		return fail(ps...)
	}
	return &c, nil
}

// Source is where the configuration was read from: a path, or
// ExampleSource.
func (c *Config) Source() string { return c.source }

// Location is the institution's time zone.
func (c *Config) Location() *time.Location { return c.location }

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
		return from, to, fmt.Errorf("from «%s»: escribe la fecha como aaaa-mm-dd, p. ej. 2026-12-21", d.From)
	}
	to = from
	if d.To != "" {
		if to, err = time.Parse("2006-01-02", d.To); err != nil {
			return from, to, fmt.Errorf("to «%s»: escribe la fecha como aaaa-mm-dd, p. ej. 2027-01-06", d.To)
		}
	}
	if to.Before(from) {
		return from, to, fmt.Errorf("to %s es anterior a from %s", d.To, d.From)
	}
	return from, to, nil
}

// Calendar builds the business-day calendar of the institution.
func (c *Config) Calendar() *calendar.Calendar {
	var closed []calendar.Closed
	for _, d := range c.ClosedDays {
		from, to, _ := d.days()
		closed = append(closed, calendar.Closed{Name: d.Name,
			From: calendar.Day(from.Year(), from.Month(), from.Day()),
			To:   calendar.Day(to.Year(), to.Month(), to.Day())})
	}
	return calendar.New(c.location, closed...)
}

// role reads the role as written: «técnico» and «tecnico» are one role, in
// any case, with spaces around.
func (p PersonConfig) role() storage.Role {
	r := strings.ToLower(strings.TrimSpace(p.Role))
	if r == "técnico" {
		return storage.RoleTecnico
	}
	return storage.Role(r)
}

// Person turns a configured person into a directory entry.
func (p PersonConfig) Person() storage.Person {
	out := storage.Person{
		ID: p.ID, Name: p.Name, Role: p.role(), Area: p.Area, Position: p.Position,
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
