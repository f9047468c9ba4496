package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	_ "image/png" // photos may come as PNG
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
	JPEG          []byte
	Width, Height int
}

// collectPhotos reads the photos attached to the tickets, in ticket order.
// Missing or undecodable files leave a note; other read errors fail.
func (r *Report) collectPhotos(ctx context.Context, src Source, tickets []storage.Ticket, limit int) error {
	skipped := 0
	for i := range tickets {
		t := &tickets[i]
		if t.Created.Before(r.From) || !t.Created.Before(r.To) {
			continue
		}
		for _, a := range t.Attachments {
			if !a.Photo {
				continue
			}
			if len(r.Photos) >= limit {
				skipped++
				continue
			}
			f, err := src.File(ctx, a.FileID)
			if isNotFound(err) {
				r.PhotoNotes = append(r.PhotoNotes, fmt.Sprintf("%s: la foto %q ya no está disponible.", t.Folio, a.Name))
				continue
			}
			if err != nil {
				return fmt.Errorf("report: photo %s of %s: %w", a.FileID, t.Folio, err)
			}
			data, w, h, err := prepareImage(f.Data)
			if err != nil {
				r.PhotoNotes = append(r.PhotoNotes, fmt.Sprintf("%s: la foto %q no se pudo leer (solo JPEG o PNG).", t.Folio, a.Name))
				continue
			}
			r.Photos = append(r.Photos, Photo{Folio: t.Folio, At: a.At.In(r.Location), Name: a.Name, JPEG: data, Width: w, Height: h})
		}
	}
	if skipped > 0 {
		r.PhotoNotes = append(r.PhotoNotes, fmt.Sprintf("%d fotos más no se incluyeron (límite de %d).", skipped, limit))
	}
	return nil
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
