package records

import (
	"testing"
	"time"

	"ctdesk/conversations/procedures"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// sources names people and areas from small maps, and answers as given.
func sources(svc *workflow.Service) Sources {
	people := map[string]storage.Person{
		"rosa": {ID: "rosa", Name: "Rosa Díaz", Position: "Jefa de área"},
		"luis": {ID: "luis", Name: "Luis Pérez"},
	}
	return Sources{
		Institution: "UPE", Location: time.UTC, Generated: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
		Service: svc,
		Name: func(id string) string {
			if p, ok := people[id]; ok {
				return p.Name
			}
			return id
		},
		Area:    func(id string) string { return "Área " + id },
		Person:  func(id string) (storage.Person, bool) { p, ok := people[id]; return p, ok },
		Comment: "comentario",
	}
}

// TestRequestNamesEveryCode: the request names people, the area, the
// answers, the files given to a field and the comments of the bitácora,
// in time order among the history steps.
func TestRequestNamesEveryCode(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 26, h, 0, 0, 0, time.UTC) }
	tk := &storage.Ticket{
		Folio: "CT-2026-0001", Service: "correo", Status: "en_proceso", Requester: "rosa", Area: "dir", Assignee: "luis",
		Fields:      map[string]string{"cuenta": "ana@upe.edu.mx"},
		History:     []storage.Transition{{At: at(9), By: "rosa", Action: "crear"}, {At: at(11), By: "luis", Action: "tomar"}},
		Attachments: []storage.Attachment{{Name: "oficio.pdf", Step: "justificacion", By: "rosa", At: at(9)}},
	}
	log := []storage.LogEntry{
		{At: at(10), Who: "luis", Action: "comentario", Detail: "llamar antes"},
		{At: at(10), Who: "luis", Action: "tomar", Detail: "no es un comentario"},
	}
	q := Request(tk, log, sources(procedures.Correo()))
	if q.Requester != "Rosa Díaz" || q.Position != "Jefa de área" || q.Assignee != "Luis Pérez" || q.Area != "Área dir" {
		t.Errorf("people: %q, %q, %q, %q; want Rosa Díaz, Jefa de área, Luis Pérez, Área dir", q.Requester, q.Position, q.Assignee, q.Area)
	}
	if len(q.Fields) != 1 || q.Fields[0].Value != "ana@upe.edu.mx" {
		t.Errorf("fields: %+v; want the one answer", q.Fields)
	}
	if len(q.History) != 3 || q.History[1].Note != "llamar antes" || q.History[1].By != "Luis Pérez" {
		t.Errorf("history: %+v; want the comment between the two steps", q.History)
	}
	if len(q.Attachments) != 1 || q.Attachments[0].Step == "justificacion" || q.Attachments[0].Step == "" {
		t.Errorf("attachments: %+v; want the file's step by its label", q.Attachments)
	}
}

// TestRequestOfAnUndeclaredService: a ticket whose service is gone still
// prints, without fields.
func TestRequestOfAnUndeclaredService(t *testing.T) {
	tk := &storage.Ticket{Folio: "CT-2026-0002", Service: "viejo", Requester: "ana", Fields: map[string]string{"x": "y"}}
	q := Request(tk, nil, sources(nil))
	if q.Fields != nil || q.Requester != "ana" {
		t.Errorf("request: fields %+v, requester %q; want no fields, ana", q.Fields, q.Requester)
	}
}

// TestFileNames: the files given to a field, joined; "" for none.
func TestFileNames(t *testing.T) {
	tk := &storage.Ticket{Attachments: []storage.Attachment{{Name: "a.jpg", Step: "f"}, {Name: "b.jpg", Step: "g"}, {Name: "c.jpg", Step: "f"}}}
	for _, tc := range []struct{ name, field, want string }{
		{"two", "f", "a.jpg, c.jpg"}, {"one", "g", "b.jpg"}, {"none", "h", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fileNames(tk, tc.field); got != tc.want {
				t.Errorf("fileNames(%q) = %q, want %q", tc.field, got, tc.want)
			}
		})
	}
}
