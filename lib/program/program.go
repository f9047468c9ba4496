// Package program reads the Programa Anual de Mantenimiento Preventivo
// (CT-RG.01) from the CSV or YAML file the coordinator prepares: one item per
// row with its area, equipment, planned date (dd/mm/aaaa) and técnico.
//
// It checks every row and reports each problem with its line, so the whole
// file can be corrected at once. Items get stable ids, so importing the same
// file again replaces them instead of adding copies.
package program

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Row is one item of the file as written, before it is checked.
type Row struct {
	Line      int
	Area      string
	Equipment string
	Date      string
	Tecnico   string
	Notes     string
}

// Problem is what is wrong with one line of the file. Kind names it for the
// catalog ("program.err.<kind>"); Value is what was written.
type Problem struct {
	Line  int
	Kind  string
	Value string
	// Other is the line a duplicate repeats.
	Other int
	// Date is the day of a date without work (ErrClosedDay), Why the name
	// of its holiday or closed day ("" on a weekend), and Next the next
	// business day.
	Date, Next time.Time
	Why        string
}

// The kinds of Problem.
const (
	ErrFormat    = "format"    // the file cannot be read as CSV or YAML
	ErrEmpty     = "empty"     // the file has no items
	ErrColumns   = "columns"   // a required column is missing from the header
	ErrArea      = "area"      // the area is missing or unknown
	ErrEquipment = "equipment" // the equipment is missing
	ErrDate      = "date"      // the date is missing or not dd/mm/aaaa
	ErrPast      = "past"      // a new item planned before today
	ErrTecnico   = "tecnico"   // the técnico is missing or not CT staff
	ErrDuplicate = "duplicate" // the same area, equipment and date as another line
	ErrTooMany   = "toomany"   // more rows than MaxRows
	ErrClosedDay = "closedday" // a new item planned on a weekend, holiday or closed day
)

// MaxRows bounds a file, so a wrong file cannot flood the store.
const MaxRows = 2000

// Read parses a CSV or YAML file into rows. The kind comes from the file
// name (.csv, .yaml, .yml), else from its content.
func Read(name string, data []byte) ([]Row, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var rows []Row
	var probs []Problem
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case ext == ".yaml" || ext == ".yml":
		rows, probs = readYAML(data)
	case ext == ".csv" || ext == ".txt":
		rows, probs = readCSV(data)
	case looksYAML(data):
		rows, probs = readYAML(data)
	default:
		rows, probs = readCSV(data)
	}
	if len(probs) == 0 && len(rows) == 0 {
		probs = append(probs, Problem{Kind: ErrEmpty})
	}
	if len(rows) > MaxRows {
		probs = append(probs, Problem{Line: rows[MaxRows].Line, Kind: ErrTooMany, Value: fmt.Sprint(MaxRows)})
	}
	return rows, probs
}

// looksYAML guesses YAML from a list item or a "key:" on the first line.
func looksYAML(data []byte) bool {
	first, _, _ := bytes.Cut(bytes.TrimSpace(data), []byte("\n"))
	s := strings.TrimSpace(string(first))
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "items:") || strings.HasPrefix(s, "programa:") ||
		(strings.Contains(s, ": ") && !strings.ContainsAny(s, ",;"))
}

// ParseDate reads a planned date as dd/mm/aaaa (also with - or ., and
// aaaa-mm-dd) into midnight in loc.
func ParseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02.01.2006", "2006-01-02"} {
		if d, err := time.ParseInLocation(layout, s, loc); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// ID returns the stable id of an item: the same area, equipment and date
// always give the same id, whatever the técnico or the notes.
func ID(area, equipment string, planned time.Time) string {
	h := sha256.Sum256([]byte(area + "\x00" + Fold(equipment) + "\x00" + planned.Format("2006-01-02")))
	return "pm-" + planned.Format("20060102") + "-" + hex.EncodeToString(h[:5])
}

var accents = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u",
	"Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u", "Ü", "u",
)

// Fold lowers a text, drops accents and collapses spaces, to compare what
// people type ("Coordinación " and "coordinacion").
func Fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(accents.Replace(s))), " ")
}
