// Package records builds ctdesk's records from tickets, in the records'
// language: the printable request CT-RG.03 with its answers, signatures,
// dates, history and files, every code named as people read it, and the
// details the bitácora CT-RG.02 keeps of what happened to a ticket. It
// knows the texts and the services; who people and areas are, and how an
// answer reads, it is told through Sources.
package records

import (
	"strings"

	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Lang is the language of the records (CT-RG.02, CT-RG.03, DP-RG.02):
// they are delivered to the institution, in Spanish.
const Lang = "es"

// KeptValues are the values a ticket's actions keep (a content kind, a
// published address, a chosen draft), each once, as label and value.
func KeptValues(lang string, svc *workflow.Service, tk *storage.Ticket) [][2]string {
	var out [][2]string
	shown := map[string]bool{}
	for _, a := range svc.Actions {
		for _, f := range a.Input {
			v := tk.Fields[f.ID]
			if !f.Keep || v == "" || shown[f.ID] {
				continue
			}
			shown[f.ID] = true
			if len(f.Choices) > 0 {
				v = texts.Text(lang, svc.ID+"."+f.ID+"."+v)
			}
			if f.Multi {
				v = strings.Join(workflow.Values(v), ", ")
			}
			out = append(out, [2]string{texts.Text(lang, svc.ID+"."+f.ID), v})
		}
	}
	return out
}

// fileNames lists the files given to a field, or "" for none.
func fileNames(tk *storage.Ticket, field string) string {
	var names []string
	for _, a := range tk.Attachments {
		if a.Step == field {
			names = append(names, a.Name)
		}
	}
	return strings.Join(names, ", ")
}
