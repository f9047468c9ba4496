package staff

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// ReportNoteMax bounds the coordinator's note, in characters: about a page.
const ReportNoteMax = 3000

// StoredNote is the coordinator's note for a quarter's report, as kept.
type StoredNote struct {
	Text string    `json:"text"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// noteKey is the Values key of a quarter's note.
func noteKey(q calendar.Quarter) string { return "dprg02:nota:" + q.Key() }

// ReportNote returns the coordinator's note for a quarter's report, and
// false when there is none.
func ReportNote(ctx context.Context, v storage.Values, q calendar.Quarter) (StoredNote, bool, error) {
	n, ok, err := readValue[StoredNote](ctx, v, noteKey(q), "note of "+q.String())
	return n, ok && n.Text != "", err
}

// Note answers /informe nota [3T-2026] texto: the coordinator's
// observations for the report of a quarter (by default the one being
// prepared), which replace any earlier ones and go in the report before the
// signatures. Without a text it shows the note kept. Coordinator only.
func Note(ctx context.Context, env Env, req Request) (Answer, error) {
	first, rest, _ := strings.Cut(req.Arg, " ")
	quarterReq := req
	quarterReq.Arg = ""
	text := req.Arg
	if _, err := calendar.ParseQuarter(first); err == nil {
		quarterReq.Arg, text = first, strings.TrimSpace(rest)
	}
	q, no := quarterAsked(env, quarterReq, "informe")
	if no != nil {
		return *no, nil
	}
	if text == "" {
		n, ok, err := ReportNote(ctx, env.Store, q)
		if err != nil || !ok {
			return Answer{Text: texts.Text(req.Lang, "report.note.none", q.Name(), q.String())}, err
		}
		return Answer{Text: texts.Text(req.Lang, "report.note.current", q.Name(), env.Name(n.By), day(n.At, env.Location)) + "\n\n" + n.Text}, nil
	}
	if n := utf8.RuneCountInString(text); n > ReportNoteMax {
		return Answer{Text: texts.Text(req.Lang, "report.note.toolong", ReportNoteMax, n)}, nil
	}
	raw, _ := json.Marshal(StoredNote{Text: text, By: req.Who.ID, At: req.Now})
	if err := env.Store.SetValue(ctx, noteKey(q), raw, 0); err != nil {
		return Answer{}, fmt.Errorf("staff: note of %s: %w", q, err)
	}
	return Answer{
		Text:   texts.Text(req.Lang, "report.note.saved", q.Name(), q.String()),
		Action: "informe_nota",
		Detail: fmt.Sprintf("Informe Trimestral DP-RG.02 %s: %s", q, clip(text, 200)),
	}, nil
}

// clip shortens a text to n characters for the bitácora.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// name names a person with a namer that may be nil.
func name(f func(string) string, id string) string {
	if f == nil {
		return id
	}
	if n := f(id); n != "" {
		return n
	}
	return id
}
