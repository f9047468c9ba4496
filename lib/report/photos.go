package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	_ "image/png" // photos may come as PNG
	"strings"
	"time"

	"ctdesk/storage"
)

// maxPhotoSide bounds a photo's longer side in pixels: enough for a printed
// memory, and it keeps a quarter's PDF small.
const maxPhotoSide = 1600

// Photo is a picture of the photo memory, ready to embed: JPEG bytes.
type Photo struct {
	Folio         string
	At            time.Time // when it was attached
	Name          string
	Caption       string // as CT wrote it; "" when none
	JPEG          []byte
	Width, Height int
}

// collectPhotos reads the photo memory, in ticket order: the photos CT
// marked «para el informe», each once however often it was sent. A quarter
// with no photo marked — its tickets predate the mark — takes instead the
// photos sent with the step that closed each ticket (the results), never a
// requester's, a draft or a copy, and says so in a note. Missing or
// undecodable files leave a note; other read errors fail.
func (r *Report) collectPhotos(ctx context.Context, src Source, tickets []storage.Ticket, limit int) error {
	chosen := markedPhotos(tickets)
	if len(chosen) == 0 {
		if chosen = resultPhotos(tickets); len(chosen) > 0 {
			r.PhotoNotes = append(r.PhotoNotes, "Ninguna foto del trimestre está marcada «para el informe»: se incluyen las fotos "+
				"que CT envió con el resultado de cada servicio cerrado.")
		}
	}
	seen := map[[sha256.Size]byte]bool{}
	skipped := 0
	for _, c := range chosen {
		f, err := src.File(ctx, c.a.FileID)
		if isNotFound(err) {
			r.PhotoNotes = append(r.PhotoNotes, fmt.Sprintf("%s: la foto %q ya no está disponible.", c.folio, c.a.Name))
			continue
		}
		if err != nil {
			return fmt.Errorf("report: photo %s of %s: %w", c.a.FileID, c.folio, err)
		}
		sum := sha256.Sum256(f.Data)
		if seen[sum] {
			continue
		}
		seen[sum] = true
		if len(r.Photos) >= limit {
			skipped++
			continue
		}
		data, w, h, err := prepareImage(f.Data)
		if err != nil {
			r.PhotoNotes = append(r.PhotoNotes, fmt.Sprintf("%s: la foto %q no se pudo leer (solo JPEG o PNG).", c.folio, c.a.Name))
			continue
		}
		r.Photos = append(r.Photos, Photo{Folio: c.folio, At: c.a.At.In(r.Location), Name: c.a.Name,
			Caption: strings.TrimSpace(c.a.Caption), JPEG: data, Width: w, Height: h})
	}
	if skipped > 0 {
		r.PhotoNotes = append(r.PhotoNotes, fmt.Sprintf("Fotos que no se incluyeron por el límite de %d: %d.", limit, skipped))
	}
	return nil
}

// candidate is a photo attachment of a ticket.
type candidate struct {
	folio string
	a     storage.Attachment
}

// markedPhotos lists the photos marked for the report, each file once.
func markedPhotos(tickets []storage.Ticket) []candidate {
	var out []candidate
	seen := map[string]bool{}
	for i := range tickets {
		for _, a := range tickets[i].Attachments {
			if a.ForReport && !seen[a.FileID] {
				seen[a.FileID] = true
				out = append(out, candidate{tickets[i].Folio, a})
			}
		}
	}
	return out
}

// resultPhotos lists, for tickets closed with photos, those sent with the
// closing step, each file once.
func resultPhotos(tickets []storage.Ticket) []candidate {
	var out []candidate
	seen := map[string]bool{}
	for i := range tickets {
		t := &tickets[i]
		step, ok := closingStep(t)
		if !ok {
			continue
		}
		for _, a := range t.Attachments {
			if a.Photo && a.Step == step.Action && a.By == step.By && a.At.Equal(step.At) && a.By != t.Requester && !seen[a.FileID] {
				seen[a.FileID] = true
				out = append(out, candidate{t.Folio, a})
			}
		}
	}
	return out
}

// closingStep returns the transition that closed a ticket.
func closingStep(t *storage.Ticket) (storage.Transition, bool) {
	if t.Status != storage.StatusClosed {
		return storage.Transition{}, false
	}
	for i := len(t.History) - 1; i >= 0; i-- {
		if t.History[i].To == storage.StatusClosed {
			return t.History[i], true
		}
	}
	return storage.Transition{}, false
}

// prepareImage decodes a JPEG or PNG and returns it as a JPEG no larger than
// maxPhotoSide, flattened on white. A small JPEG is kept as it came.
func prepareImage(data []byte) (out []byte, w, h int, err error) {
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, err
	}
	b := img.Bounds()
	if format == "jpeg" && b.Dx() <= maxPhotoSide && b.Dy() <= maxPhotoSide {
		if _, ok := img.(*image.CMYK); !ok {
			return data, b.Dx(), b.Dy(), nil
		}
	}
	small := shrink(img, maxPhotoSide)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, small, &jpeg.Options{Quality: 82}); err != nil {
		return nil, 0, 0, err
	}
	sb := small.Bounds()
	return buf.Bytes(), sb.Dx(), sb.Dy(), nil
}

// shrink scales img down by a whole factor so its longer side is at most
// side, averaging four samples of each block, onto a white background.
func shrink(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	k := max((max(b.Dx(), b.Dy())+side-1)/side, 1)
	w, h := max(b.Dx()/k, 1), max(b.Dy()/k, 1)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	if k == 1 {
		draw.Draw(out, out.Bounds(), img, b.Min, draw.Over)
		return out
	}
	offs := [2]int{k / 4, (3 * k) / 4}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var r, g, bl, a uint32
			for _, dy := range offs {
				for _, dx := range offs {
					cr, cg, cb, ca := img.At(b.Min.X+x*k+dx, b.Min.Y+y*k+dy).RGBA()
					r, g, bl, a = r+cr, g+cg, bl+cb, a+ca
				}
			}
			// Premultiplied colour over white: c + (1-a).
			inv := 4*0xffff - a
			out.SetRGBA(x, y, color.RGBA{
				R: uint8((r + inv) / 4 >> 8), G: uint8((g + inv) / 4 >> 8),
				B: uint8((bl + inv) / 4 >> 8), A: 0xff,
			})
		}
	}
	return out
}
