package telegram_test

import (
	"bytes"
	"context"
	"testing"

	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestPhotoAnswersTheForm: where the maintenance form asks for a photo of
// the fault, a photo with a caption and a photo with no text both count as
// the answer, and both are kept with the ticket, bytes intact.
func TestPhotoAnswersTheForm(t *testing.T) {
	srv := telegramtest.New(t)
	st := convtest.SQLite(t)
	r := newRig(t, srv, st, telegram.Config{})
	r.start()
	png := tinyPNG(t)

	r.say(rosa, "/nueva", "¿Qué servicio necesitas")
	r.press(rosa, rosa.ID, "Mantenimiento de equipo", "(1/6)")
	r.press(rosa, rosa.ID, "Impresora", "(2/6)")
	r.say(rosa, "INV-2231", "(3/6)")
	r.say(rosa, "Edificio A, planta baja", "(4/6)")
	r.say(rosa, "No imprime; marca atasco de papel.", "(5/6)")
	r.press(rosa, rosa.ID, "Alta: no puedo trabajar", "(6/6)")

	after := srv.LastMessageID(rosa.ID)
	srv.SendPhoto(rosa, png, "así se ve el error")
	r.waitAfter(rosa.ID, after, "Recibí")
	after = srv.LastMessageID(rosa.ID)
	srv.SendPhoto(rosa, png, "")
	r.waitAfter(rosa.ID, after, "Recibí")
	r.press(rosa, rosa.ID, "Listo", "Revisa tu solicitud")
	r.press(rosa, rosa.ID, "Enviar", "Registré tu solicitud")
	r.idle()

	ts, err := st.Tickets(context.Background(), storage.TicketFilter{Requester: "rosa"})
	if err != nil || len(ts) != 1 {
		t.Fatalf("tickets of rosa: %d, %v", len(ts), err)
	}
	if got := len(ts[0].Attachments); got != 2 {
		t.Fatalf("the ticket keeps %d photos, want 2", got)
	}
	for _, a := range ts[0].Attachments {
		f, err := st.File(context.Background(), a.FileID)
		if err != nil {
			t.Fatalf("photo %s: %v", a.FileID, err)
		}
		if !a.Photo || !bytes.Equal(f.Data, png) {
			t.Errorf("photo %s: photo=%v, %d bytes; want the full-size image", a.Name, a.Photo, len(f.Data))
		}
	}
	r.clean()
}
