package report

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// photoMemory draws the photos two per row, each under its folio and day
// and CT's caption.
func (p *reportPDF) photoMemory() {
	p.heading("6. Memoria fotográfica", 80)
	notes := p.r.PhotoNotes
	if len(p.r.Photos) == 0 {
		p.line("No hay fotografías para el informe en los servicios del trimestre.")
	}
	const gap, boxH, captionH = 8.0, 62.0, 13.0
	boxW := (p.width - gap) / 2
	col := 0
	for i, ph := range p.r.Photos {
		name := fmt.Sprintf("foto-%d", i)
		info := p.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(ph.JPEG))
		if err := p.pdf.Error(); err != nil || info == nil {
			p.pdf.ClearError()
			notes = append(notes, fmt.Sprintf("%s: la foto %q no se pudo incluir.", ph.Folio, ph.Name))
			continue
		}
		if col == 0 && p.ensure(boxH+captionH+gap) {
			p.font("", 10)
		}
		x := margin + float64(col)*(boxW+gap)
		y := p.pdf.GetY()
		w, h := info.Width(), info.Height()
		scale := min(boxW/w, boxH/h)
		iw, ih := w*scale, h*scale
		p.pdf.ImageOptions(name, x+(boxW-iw)/2, y+(boxH-ih)/2, iw, ih, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
		p.caption(x, y+boxH+1, boxW, ph)
		if col == 1 {
			p.pdf.SetXY(margin, y+boxH+captionH+gap)
		} else {
			p.pdf.SetXY(margin, y)
		}
		col = 1 - col
	}
	if col == 1 {
		p.pdf.SetY(p.pdf.GetY() + boxH + captionH + gap)
	}
	for _, n := range notes {
		p.note("Nota: " + n)
	}
}

// caption writes under a photo its folio and day, then CT's caption in at
// most two lines.
func (p *reportPDF) caption(x, y, w float64, ph Photo) {
	p.pdf.SetXY(x, y)
	p.font("B", 8.5)
	p.pdf.CellFormat(w, 4, p.tr(fmt.Sprintf("%s · %s", ph.Folio, day(ph.At))), "", 0, "C", false, 0, "")
	if ph.Caption == "" {
		return
	}
	p.font("", 8)
	for i, l := range p.wrap(ph.Caption, w, 2) {
		p.pdf.SetXY(x, y+4+float64(i)*3.8)
		p.pdf.CellFormat(w, 3.8, l, "", 0, "C", false, 0, "")
	}
}
