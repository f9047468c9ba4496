package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

func TestPrepareImage(t *testing.T) {
	big := image.NewNRGBA(image.Rect(0, 0, 3300, 20))
	for x := 0; x < 3300; x++ {
		for y := 0; y < 20; y++ {
			big.Set(x, y, color.NRGBA{R: 200, A: 128}) // half-transparent red
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, big); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		data       []byte
		w, h       int
		wantErr    bool
		sameBuffer bool
	}{
		// 3300 px wide: a factor of ceil(3300/1600) = 3 gives 1100 × 6.
		{"large png shrunk", buf.Bytes(), 1100, 6, false, false},
		{"small jpeg kept", mustImage(t, "jpeg", 64, 48), 64, 48, false, true},
		{"small png re-encoded", mustImage(t, "png", 40, 40), 40, 40, false, false},
		{"not an image", []byte("hola"), 0, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, w, h, err := prepareImage(tt.data)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if w != tt.w || h != tt.h {
				t.Errorf("size = %d×%d, want %d×%d", w, h, tt.w, tt.h)
			}
			if same := bytes.Equal(out, tt.data); same != tt.sameBuffer {
				t.Errorf("kept original bytes = %v, want %v", same, tt.sameBuffer)
			}
			img, format, err := image.Decode(bytes.NewReader(out))
			if err != nil || format != "jpeg" {
				t.Fatalf("output decodes as %q, %v; want jpeg", format, err)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Errorf("decoded size = %v, want %d×%d", b, tt.w, tt.h)
			}
		})
	}
	// Half-transparent red over white is about (227, 100, 100).
	out, _, _, _ := prepareImage(buf.Bytes())
	img, _, _ := image.Decode(bytes.NewReader(out))
	r, g, _, _ := img.At(500, 3).RGBA()
	if r>>8 < 210 || g>>8 < 80 || g>>8 > 130 {
		t.Errorf("flattened colour = %d, %d; want about 227, 100", r>>8, g>>8)
	}
}

// TestPhotosBeforeTheMark: a quarter where no photo is marked «para el
// informe» takes the photos CT sent with the step that closed each ticket,
// and says so; never the requester's, a draft, or the same photo twice.
func TestPhotosBeforeTheMark(t *testing.T) {
	loc := mustLoc(t)
	at := func(d, h int) time.Time { return time.Date(2026, 7, d, h, 0, 0, 0, loc) }
	img := mustImage(t, "jpeg", 40, 30)
	src := &fakeSource{
		tickets: []storage.Ticket{
			{Folio: "CT-2026-0201", Service: "mantenimiento", Requester: "rosa", Status: storage.StatusClosed, Created: at(1, 9),
				History: []storage.Transition{{At: at(3, 12), By: "beto", To: storage.StatusClosed, Action: "terminar"}},
				Attachments: []storage.Attachment{
					{FileID: "falla", Name: "falla.jpg", Photo: true, Step: "foto", By: "rosa", At: at(1, 9)},
					{FileID: "resultado", Name: "resultado.jpg", Photo: true, Step: "terminar", By: "beto", At: at(3, 12)},
				}},
			{Folio: "CT-2026-0202", Service: "diseno", Requester: "rosa", Status: storage.StatusClosed, Created: at(2, 9),
				History: []storage.Transition{{At: at(4, 12), By: "beto", To: storage.StatusClosed, Action: "entregar"}},
				Attachments: []storage.Attachment{
					{FileID: "boceto", Name: "boceto.jpg", Photo: true, Step: "enviar_bocetos", By: "beto", At: at(3, 9)},
					{FileID: "final", Name: "final.jpg", Photo: true, Step: "entregar", By: "beto", At: at(4, 12)},
					{FileID: "final-otra-vez", Name: "final (2).jpg", Photo: true, Step: "entregar", By: "beto", At: at(4, 12)},
				}},
		},
		files: map[string]storage.File{
			"falla": {Data: mustImage(t, "png", 20, 20)}, "resultado": {Data: img},
			"boceto": {Data: mustImage(t, "png", 22, 22)}, "final": {Data: mustImage(t, "png", 24, 24)},
			"final-otra-vez": {Data: mustImage(t, "png", 24, 24)},
		},
	}
	r, err := Build(t.Context(), src, Config{Location: loc}, calendar.Quarter{Year: 2026, Q: 3}, at(20, 9))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Photos {
		got = append(got, p.Folio+" "+p.Name)
	}
	if strings.Join(got, ", ") != "CT-2026-0201 resultado.jpg, CT-2026-0202 final.jpg" {
		t.Errorf("photos = %q; want the two results, once each", got)
	}
	if len(r.PhotoNotes) != 1 || !strings.Contains(r.PhotoNotes[0], "Ninguna foto del trimestre está marcada") {
		t.Errorf("notes = %q; want the rule said", r.PhotoNotes)
	}
}
