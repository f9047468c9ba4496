package program

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// columns maps the header names people write to a Row's fields.
var columns = map[string]string{
	"area": "area", "departamento": "area",
	"equipo": "equipment", "equipment": "equipment", "bien": "equipment",
	"fecha": "date", "fecha planeada": "date", "fecha programada": "date", "planned": "date", "date": "date",
	"tecnico": "tecnico", "responsable": "tecnico", "technician": "tecnico",
	"notas": "notes", "observaciones": "notes", "notes": "notes",
}

// required are the columns every file must have.
var required = []string{"area", "equipment", "date", "tecnico"}

// readCSV reads a CSV with a header row; the separator is a comma or, as
// Excel writes it in Spanish, a semicolon.
func readCSV(data []byte) ([]Row, []Problem) {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, []Problem{csvProblem(err, 1)}
	}
	index := map[string]int{}
	for i, h := range header {
		if f, ok := columns[Fold(h)]; ok {
			index[f] = i
		}
	}
	var missing []string
	for _, c := range required {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, []Problem{{Line: 1, Kind: ErrColumns, Value: strings.Join(header, ", ")}}
	}
	var rows []Row
	var probs []Problem
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			probs = append(probs, csvProblem(err, line))
			continue
		}
		get := func(f string) string {
			if i, ok := index[f]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := Row{Line: line, Area: get("area"), Equipment: get("equipment"), Date: get("date"), Tecnico: get("tecnico"), Notes: get("notes")}
		if row == (Row{Line: line}) {
			continue // a blank line
		}
		rows = append(rows, row)
		if len(rows) > MaxRows {
			break
		}
	}
	return rows, probs
}

func csvProblem(err error, line int) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.Line
	}
	return Problem{Line: line, Kind: ErrFormat, Value: err.Error()}
}

// readYAML reads a list of items, bare or under "items:" or "programa:".
func readYAML(data []byte) ([]Row, []Problem) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, []Problem{{Kind: ErrFormat, Value: err.Error()}}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			if k := Fold(list.Content[i].Value); k == "items" || k == "programa" {
				found = list.Content[i+1]
			}
		}
		if found == nil {
			return nil, []Problem{{Line: list.Line, Kind: ErrFormat, Value: "se esperaba una lista de equipos (items:)"}}
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode {
		return nil, []Problem{{Line: list.Line, Kind: ErrFormat, Value: "se esperaba una lista de equipos"}}
	}
	var rows []Row
	var probs []Problem
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			probs = append(probs, Problem{Line: item.Line, Kind: ErrFormat, Value: "cada elemento debe tener área, equipo, fecha y técnico"})
			continue
		}
		row := Row{Line: item.Line}
		for i := 0; i+1 < len(item.Content); i += 2 {
			v := strings.TrimSpace(item.Content[i+1].Value)
			switch columns[Fold(item.Content[i].Value)] {
			case "area":
				row.Area = v
			case "equipment":
				row.Equipment = v
			case "date":
				row.Date = v
			case "tecnico":
				row.Tecnico = v
			case "notes":
				row.Notes = v
			}
		}
		rows = append(rows, row)
		if len(rows) > MaxRows {
			break
		}
	}
	return rows, probs
}

// String describes a problem for the operator's log.
func (p Problem) String() string {
	return fmt.Sprintf("line %d: %s %q", p.Line, p.Kind, p.Value)
}
