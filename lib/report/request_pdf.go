package report

import (
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// requestPDF is a request CT-RG.03 being drawn.
type requestPDF struct {
	*pdfDoc
	q *Request
	n int // sections drawn so far
}

// WriteRequestPDF writes the printable request CT-RG.03 to w: its data and
// answers, the visto bueno, the signatures, the committed dates, the
// history, the files and the rating, with room to sign the printed copy.
func WriteRequestPDF(w io.Writer, q *Request) error {
	if q.Location == nil {
		q.Location = time.UTC
	}
	foot := "Solicitud de Servicios de Tecnologías CT-RG.03 · " + q.Folio
	p := &requestPDF{pdfDoc: newDoc(q.PaperSize, "Solicitud CT-RG.03 "+q.Folio, q.Institution, foot), q: q}
	p.newPage("P")
	p.head()
	p.data()
	p.answers()
	p.approvals()
	p.signed()
	p.dates()
	p.history()
	p.files()
	p.rating()
	p.signLines()
	return p.output(w)
}

// at writes a moment for people, in the institution's zone.
func (p *requestPDF) at(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(p.q.Location).Format("02/01/2006 15:04")
}

func (p *requestPDF) head() {
	p.font("B", 13)
	p.line(p.q.Institution)
	p.font("", 11)
	p.line("Coordinación de Tecnologías")
	p.pdf.Ln(3)
	p.font("B", 16)
	p.line("Solicitud de Servicios de Tecnologías CT-RG.03")
	p.font("B", 12)
	p.line("Folio " + p.q.Folio)
	p.font("", 9)
	p.line("Impresa el " + p.at(p.q.Generated))
	p.font("", 10)
}

func (p *requestPDF) data() {
	q := p.q
	p.section("Datos de la solicitud", 40)
	service := q.Service
	if q.Programmed {
		service += " (programado, CT-RG.01)"
	}
	requester := q.Requester
	if q.Position != "" {
		requester += ", " + q.Position
	}
	closed := "—"
	if !q.Closed.IsZero() {
		closed = p.at(q.Closed)
	}
	due := "—"
	if n := len(q.Dates); n > 0 {
		due = localDay(q.Dates[n-1].Date, q.Location)
	}
	p.fields([]Field{
		{"Servicio", service}, {"Solicitante", requester}, {"Área", q.Area},
		{"Fecha de solicitud", p.at(q.Created)}, {"Estado", q.Status}, {"Atiende", dash(q.Assignee)},
		{"Fecha comprometida", due}, {"Cierre", closed},
	})
}

func (p *requestPDF) answers() {
	p.section("Lo que se solicita", 20)
	if len(p.q.Fields) == 0 {
		p.line("—")
		return
	}
	p.fields(p.q.Fields)
}

// fields draws label and value pairs.
func (p *requestPDF) fields(fs []Field) {
	rows := make([][]string, len(fs))
	for i, f := range fs {
		rows[i] = []string{f.Label, dash(f.Value)}
	}
	p.table([]column{{"Dato", 50, "L"}, {"Valor", p.width - 50, "L"}}, rows, 8.5)
}

func (p *requestPDF) approvals() {
	p.section("Visto bueno", 20)
	if len(p.q.Approvals) == 0 {
		p.line("La solicitud no requirió visto bueno.")
		return
	}
	var rows [][]string
	for _, a := range p.q.Approvals {
		decision := "Otorgado"
		if !a.Approved {
			decision = "Negado"
		}
		rows = append(rows, []string{capital(a.Kind), a.By, decision, p.at(a.At), a.Reason})
	}
	p.table([]column{{"De", 30, "L"}, {"Quién", 40, "L"}, {"Decisión", 22, "C"}, {"Fecha y hora", 28, "C"},
		{"Motivo o nota", p.width - 120, "L"}}, rows, 8.5)
}

func (p *requestPDF) signed() {
	p.section("Firmas", 20)
	if len(p.q.Signatures) == 0 {
		p.line("No hay firmas registradas.")
		return
	}
	var rows [][]string
	for _, s := range p.q.Signatures {
		rows = append(rows, []string{s.What, s.By, p.at(s.At)})
	}
	p.table([]column{{"Qué se firmó", p.width - 75, "L"}, {"Quién", 45, "L"}, {"Fecha y hora", 30, "C"}}, rows, 8.5)
	p.pdf.Ln(1)
	p.note("Firmas dadas en el chat con un botón, por la persona que la Coordinación de Tecnologías tiene registrada; " +
		"cada una quedó también en la Bitácora CT-RG.02.")
}

func (p *requestPDF) dates() {
	if len(p.q.Dates) == 0 {
		return
	}
	p.section("Fechas comprometidas", 20)
	var rows [][]string
	for i, d := range p.q.Dates {
		reason := d.Reason
		if i == 0 {
			reason = "Fecha original"
		}
		rows = append(rows, []string{localDay(d.Date, p.q.Location), d.By, p.at(d.At), reason})
	}
	p.table([]column{{"Fecha", 24, "C"}, {"Comprometió", 40, "L"}, {"Registrada", 28, "C"}, {"Motivo del cambio", p.width - 92, "L"}}, rows, 8.5)
}

func (p *requestPDF) history() {
	p.section("Historial", 20)
	var rows [][]string
	for _, h := range p.q.History {
		rows = append(rows, []string{p.at(h.At), h.Action, h.By, h.Note})
	}
	p.table([]column{{"Fecha y hora", 28, "C"}, {"Paso", 52, "L"}, {"Quién", 42, "L"}, {"Nota", p.width - 122, "L"}}, rows, 8)
}

func (p *requestPDF) files() {
	if len(p.q.Attachments) == 0 {
		return
	}
	p.section("Archivos", 20)
	var rows [][]string
	for _, f := range p.q.Attachments {
		name := f.Name
		if f.ForReport {
			name += " (para el informe)"
			if f.Caption != "" {
				name += ": " + f.Caption
			}
		}
		rows = append(rows, []string{name, f.Step, f.By, p.at(f.At)})
	}
	p.table([]column{{"Archivo", p.width - 110, "L"}, {"Paso", 40, "L"}, {"Quién", 40, "L"}, {"Fecha y hora", 30, "C"}}, rows, 8)
}

func (p *requestPDF) rating() {
	r := p.q.Rating
	if r.Score == 0 {
		return
	}
	p.section("Calificación del servicio", 15)
	p.line(fmt.Sprintf("%s de 5, el %s", strconv.Itoa(r.Score), p.at(r.At)))
	if r.Comment != "" {
		p.paragraph("Comentario: " + r.Comment)
	}
}

// signLines leaves room to sign the printed copy: the requester and who
// attended the request.
func (p *requestPDF) signLines() {
	p.signBlock(signer{"Solicitante", p.q.Requester, ""},
		signer{"Atendió, por la Coordinación de Tecnologías", p.q.Assignee, ""})
}

// section starts the next numbered section.
func (p *requestPDF) section(title string, room float64) {
	p.n++
	p.heading(fmt.Sprintf("%d. %s", p.n, title), room)
}

// capital starts a text with a capital letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// dash shows an empty value as «—».
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
