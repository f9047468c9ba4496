package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
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
