package procedures

import (
	"slices"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Correo is the e-mail account service (procedure 5.3): alta, baja or
// mantenimiento of an institutional account. Alta and baja need the
// supervisor's visto bueno (configurable per action). CT commits the date
// it will have it done, then attends it in the mail server's panel
// (5.3.3–5.3.4), and the requester reads the técnico's note with the news.
// On alta the bot generates the temporary password, gives it to the
// técnico and privately to the account's holder — the requester when the
// holder is not in the directory, told so — never keeps it, and the holder
// signs responsibility in the bitácora CT-RG.02 (5.3.5).
func Correo() *workflow.Service {
	return &workflow.Service{
		ID:    "correo",
		Ready: true,
		Fields: []workflow.Field{
			{ID: "accion", Kind: workflow.KindChoice, Choices: []string{"alta", "baja", "mantenimiento"}},
			{ID: "tipo", Kind: workflow.KindChoice, Choices: []string{"password", "cuota", "alias", "otro"},
				When: func(a workflow.Answers) bool { return a["accion"] == "mantenimiento" }},
			{ID: "titular", Kind: workflow.KindName, Max: 120},
			{ID: "puesto", Kind: workflow.KindText, Max: 120},
			{ID: "area", Kind: workflow.KindChoice, AreaChoice: true},
			{ID: "cuenta", Kind: workflow.KindEmail},
			{ID: "justificacion", Kind: workflow.KindText, Max: 1000},
		},
		Start: correoStart,
		Actions: append(append(approvalActions("recibida"), takeActions("en_proceso", "en_proceso")...),
			commitAction("en_proceso"),
			workflow.Action{ID: "completar", From: []string{"en_proceso"}, To: storage.StatusClosed, Who: policy.Assignee,
				Input: workflow.OptionalTextInput(), When: dated, Do: correoComplete},
			workflow.Action{ID: "firmar", From: []string{"por_firmar"}, To: storage.StatusClosed, Who: policy.Holder, Hidden: true,
				Sign: "responsabilidad de la cuenta de correo", Do: correoSigned},
			workflow.Action{ID: RenewPassword, From: []string{"por_firmar"}, To: "por_firmar", Who: policy.Assignee, Hidden: true,
				Do: correoRenew},
			rescheduleAction("en_proceso"),
			declineAction("recibida", "en_proceso"),
			cancelAction("por_aprobar", "recibida"),
		),
		Notify: common,
	}
}

// RenewPassword is the action that makes a new temporary password for an
// alta waiting for the holder's signature (conversations.RenewSecretAction).
const RenewPassword = "otra_contrasena"

// correoStart sends the request to the supervisor when its action needs
// the visto bueno; a supervisor's own request carries it already.
func correoStart(c workflow.Settings, t *storage.Ticket) string {
	accion := t.Fields["accion"]
	def := accion == "alta" || accion == "baja"
	if !c.NeedsApproval("correo."+accion, def) {
		return "recibida"
	}
	return "por_aprobar"
}

// correoComplete finishes the request; on alta it hands out the temporary
// password and waits for the holder's signature. The holder is who the
// directory knows by the account's address or the holder's name; when the
// directory knows nobody, the requester receives it, and is told to hand
// it over.
func correoComplete(a *workflow.ActionCtx) error {
	if a.Ticket.Fields["accion"] != "alta" {
		return nil
	}
	handOut(a, "contrasena_entregada")
	a.To = "por_firmar"
	return nil
}

// correoRenew makes a new temporary password when the first one did not
// reach the técnico or the holder (its delivery failed for good, or was
// lost in a crash), and hands it out to both as correoComplete did.
func correoRenew(a *workflow.ActionCtx) error {
	handOut(a, "contrasena_regenerada")
	return nil
}

// handOut generates the temporary password and tells it to whoever acts
// and to the holder, with the holder's button to sign for the account.
// The bitácora records the hand-out, never the password.
func handOut(a *workflow.ActionCtx, record string) {
	tk := a.Ticket
	account := tk.Fields["cuenta"]
	to, name := tk.Requester, tk.Fields["titular"]
	switch holder, ok := a.FindPerson(account, name); {
	case !ok:
		a.Variant = "sin_titular"
	case holder.ID != tk.Requester:
		to, name = holder.ID, holder.Name
		tk.Fields[policy.HolderField] = holder.ID
		a.Variant = "titular"
	default:
		name = holder.Name
	}
	pw := a.Password()
	a.TellSecret(a.By.ID, nil, "correo.pw.tecnico", account, pw, name)
	a.TellSecret(to, [][]chat.Button{{a.ButtonFor(to, "firmar")}}, "correo.pw.requester", account, pw)
	a.Record(record, account)
}

// correoSigned words the news for the requester when the holder signed,
// and takes the password back from every chat it was delivered to.
func correoSigned(a *workflow.ActionCtx) error {
	tk := a.Ticket
	if a.By.ID != tk.Requester {
		a.Variant = "titular"
	}
	to, handedOut := PasswordReaders(tk)
	if !slices.Contains(to, a.By.ID) {
		to = append(to, a.By.ID)
	}
	for _, id := range to {
		a.TakeBack(id, handedOut)
	}
	return nil
}

// PasswordReaders lists who was handed the temporary password of a
// correo alta (the holder, or the requester when the directory knows no
// holder, and whoever generated it), and when it was last handed out
// (zero when it never was).
func PasswordReaders(tk *storage.Ticket) ([]string, time.Time) {
	var handedOut time.Time
	holder := tk.Requester
	if id := tk.Fields[policy.HolderField]; id != "" {
		holder = id
	}
	to := []string{holder}
	for _, h := range tk.History {
		if h.To == "por_firmar" {
			handedOut = h.At
			if !slices.Contains(to, h.By) {
				to = append(to, h.By)
			}
		}
	}
	return to, handedOut
}
