package report

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// photoMemory draws the photos two per row, each captioned with its folio
// and the day it was attached.
func (p *pdfDoc) photoMemory() {
	p.heading("4. Memoria fotográfica", 80)
	notes := p.r.PhotoNotes
	if len(p.r.Photos) == 0 {
		p.line("No se adjuntaron fotografías a los servicios del trimestre.")
	}
	const gap, boxH, captionH = 8.0, 62.0, 5.0
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
		p.pdf.SetXY(x, y+boxH+1)
		p.font("", 8.5)
		p.pdf.CellFormat(boxW, captionH-1, p.tr(fmt.Sprintf("%s · %s", ph.Folio, day(ph.At))), "", 0, "C", false, 0, "")
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
	p.font("", 8.5)
	for _, n := range notes {
		p.paragraph("Nota: " + n)
	}
	p.font("", 10)
}
