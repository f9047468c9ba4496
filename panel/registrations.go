package panel

import (
	"net/http"
	"strings"

	"ctdesk/conversations"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
)

// applicant is a registration waiting for the coordinator.
type applicant struct {
	Name, Area, Position, Email, Platform, Account string
}

type registrationsData struct {
	People []applicant
	Result string
	Nonce  string
}

// registrations lists who asked to be added to the directory.
func (p *Panel) registrations(w http.ResponseWriter, r *http.Request, rq *request) {
	p.showRegistrations(w, r, rq, "")
}

func (p *Panel) showRegistrations(w http.ResponseWriter, r *http.Request, rq *request, result string) {
	if !policy.MayUse(policy.Registrations, rq.who) {
		p.notFound(w, r, rq, "", "registros")
		return
	}
	people, err := p.st.People(r.Context())
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	d := &registrationsData{Result: result, Nonce: newToken()}
	for _, q := range people {
		if !q.Pending {
			continue
		}
		d.People = append(d.People, applicant{Name: q.Name, Area: rq.dir.AreaName(q.Area), Position: q.Position, Email: q.Email,
			Platform: q.Platform, Account: q.Platform + ":" + q.Accounts[q.Platform]})
	}
	pg := p.newPage(rq, "panel.nav.registrations", "panel.registrations.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "registrations", pg)
}

// decideRegistration accepts or rejects a registration through the
// engine, as the coordinator's button in chat does.
func (p *Panel) decideRegistration(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Registrations, rq.who) {
		p.notFound(w, r, rq, "", "registros")
		return
	}
	decision := "no"
	if r.PostFormValue("decision") == "ok" {
		decision = "ok"
	}
	res, err := p.eng.Handle(r.Context(), conversations.Event{ID: "web:" + r.PostFormValue("nonce"), Person: rq.who.ID,
		Button: decideCode(r.PostFormValue("cuenta"), decision), At: rq.now})
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	result := said(res, rq.who.ID)
	if result == "" {
		result = res.Notice
	}
	p.showRegistrations(w, r, rq, result)
}

// decideCode is the code of the chat button that decides the registration
// of an account ("platform:account").
func decideCode(account, decision string) string {
	platform, id, _ := strings.Cut(account, ":")
	return chat.Code(chat.KindDecide, platform, id, decision)
}
