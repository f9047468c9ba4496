package config

import (
	"fmt"
	"slices"
	"strings"

	"ctdesk/conversations"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// approvalKeys lists the keys of approvals that change where a request
// starts: "<service>.<choice>" of the choice a service decides its visto
// bueno by. They are found by asking each service's own Start, so the list
// follows the procedures as they are declared.
func approvalKeys() []string {
	var keys []string
	for _, svc := range conversations.DefaultServices() {
		if svc.Start == nil {
			continue
		}
		for _, f := range svc.Fields {
			if f.Kind != workflow.KindChoice {
				continue
			}
			for _, choice := range f.Choices {
				key := svc.ID + "." + choice
				tk := storage.Ticket{Fields: map[string]string{f.ID: choice}}
				on := svc.Start(&conversations.Config{Approvals: map[string]bool{key: true}}, &tk)
				off := svc.Start(&conversations.Config{Approvals: map[string]bool{key: false}}, &tk)
				if on != off && !slices.Contains(keys, key) {
					keys = append(keys, key)
				}
			}
		}
	}
	return keys
}

// checkApprovals reports the keys of approvals that no service reads.
func checkApprovals(approvals map[string]bool, at locate) []problem {
	valid := approvalKeys()
	var ps []problem
	for key := range approvals {
		if slices.Contains(valid, key) {
			continue
		}
		ps = append(ps, problem{at("approvals", key), fmt.Sprintf(
			"approvals › %s: ninguna solicitud se llama así%s; las claves son «servicio.opción»: %s",
			key, didYouMean(key, valid), strings.Join(valid, ", "))})
	}
	return ps
}

// approvalSummary says, per service, who gives the visto bueno with the
// configured approvals, in lang.
func approvalSummary(lang string, approvals map[string]bool) []string {
	cfg := &conversations.Config{Approvals: approvals}
	var out []string
	for _, svc := range conversations.DefaultServices() {
		supervisorAt, authority := approvalStatuses(svc)
		var who []string
		if svc.Start != nil && supervisorAt != "" {
			var choices []string
			all := true
			for _, f := range svc.Fields {
				if f.Kind != workflow.KindChoice || len(f.Choices) == 0 {
					continue
				}
				for _, choice := range f.Choices {
					tk := storage.Ticket{Fields: map[string]string{f.ID: choice}}
					if svc.Start(cfg, &tk) == supervisorAt {
						choices = append(choices, conversations.Text(lang, svc.ID+"."+f.ID+"."+choice))
					} else {
						all = false
					}
				}
				break // the first choice field decides
			}
			switch {
			case len(choices) > 0 && all:
				who = append(who, "jefe inmediato, siempre")
			case len(choices) > 0:
				who = append(who, "jefe inmediato para "+strings.Join(choices, ", "))
			}
		}
		if authority {
			who = append(who, "Rectoría (autoridad), siempre")
		}
		if len(who) == 0 {
			who = []string{"sin visto bueno"}
		}
		out = append(out, conversations.Text(lang, "svc."+svc.ID)+": "+strings.Join(who, "; y "))
	}
	return out
}

// approvalStatuses finds the status where a service waits for the
// supervisor's visto bueno, and whether it has the authority's.
func approvalStatuses(svc *workflow.Service) (supervisorAt string, authority bool) {
	for _, a := range svc.Actions {
		switch {
		case a.Approval == "supervisor" && len(a.From) > 0:
			supervisorAt = a.From[0]
		case a.Approval == string(storage.RoleAutoridad):
			authority = true
		}
	}
	return supervisorAt, authority
}
