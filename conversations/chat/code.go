package chat

import "strings"

// A button code is "<kind>:<arg>[:<arg>…]", at most MaxCode bytes (Telegram's
// callback_data). It names what to do, never who may do it: every press is
// checked against the stored ticket and the directory. Code writes codes and
// ParseCode reads them; nothing else takes a code apart by kind.
//
//	m:<service>|mine|help|queue|menu   menu
//	f:<field>:<value>                  answer a question (choice index, y/n, skip, done, d:<date>); a registration's field is "reg"
//	c:send|edit|cancel                 the form's summary
//	e:<field>                          correct one field
//	t:<folio>:<action>:<step>          a ticket action, valid only at that history step
//	r:<folio>:<score>                  rate a closed ticket (or skip its comment)
//	v:<folio>                          show a ticket
//	d:<folio>                          send a ticket's request CT-RG.03 as PDF
//	p:<value>                          input of the pending action (skip, done, cancel, d:<date>, as:<person>)
//	g:<platform>:<account>:ok|no       the coordinator decides a registration
//	k:<quarter>                        the coordinator marks the report DP-RG.02 delivered
//	pd:<file>:mover|conservar          the coordinator imports a kept CT-RG.01 file
const MaxCode = 64

// The kinds of button codes.
const (
	KindMenu         = "m"
	KindField        = "f"
	KindConfirm      = "c"
	KindEdit         = "e"
	KindAction       = "t"
	KindRate         = "r"
	KindView         = "v"
	KindPDF          = "d"
	KindPending      = "p"
	KindDecide       = "g"
	KindDelivered    = "k"
	KindProgramDates = "pd"
)

// shape is how many arguments a kind has and which one may hold ':' (a
// value such as "d:2026-12-01", an account).
type shape struct{ n, free int }

var shapes = map[string]shape{
	KindMenu: {1, 0}, KindField: {2, 1}, KindConfirm: {1, 0}, KindEdit: {1, 0}, KindAction: {3, 2},
	KindRate: {2, 1}, KindView: {1, 0}, KindPDF: {1, 0}, KindPending: {1, 0}, KindDecide: {3, 1},
	KindDelivered: {1, 0}, KindProgramDates: {2, 1},
}

// Code writes the code of a button. Only the argument a kind leaves free
// (the last one, or a registration's account) may hold ':'.
func Code(kind string, args ...string) string {
	return kind + ":" + strings.Join(args, ":")
}

// ParseCode reads a code: its kind and arguments. ok is false for an
// unknown kind or too few arguments.
func ParseCode(code string) (kind string, args []string, ok bool) {
	kind, rest, found := strings.Cut(code, ":")
	s, known := shapes[kind]
	if !found || !known {
		return "", nil, false
	}
	parts := strings.Split(rest, ":")
	if len(parts) < s.n {
		return "", nil, false
	}
	extra := len(parts) - s.n
	args = append(parts[:s.free:s.free], strings.Join(parts[s.free:s.free+extra+1], ":"))
	args = append(args, parts[s.free+extra+1:]...)
	return kind, args, true
}

// ViewCode is the code of a button that shows a ticket ("v:CT-2026-0042");
// anyone may be offered it, and the engine checks who presses it.
func ViewCode(folio string) string { return Code(KindView, folio) }
