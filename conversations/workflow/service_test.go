package workflow_test

import (
	"strings"
	"testing"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
)

// TestValidate: a declaration mistake that would only show in a
// conversation is refused when the service is built.
func TestValidate(t *testing.T) {
	take := workflow.Action{ID: "tomar", From: []string{"recibida"}, To: "en_proceso", Who: policy.Staff}
	tests := []struct {
		name string
		svc  workflow.Service
		want string
	}{
		{"valid", workflow.Service{ID: "s", Fields: []workflow.Field{{ID: "a"}}, Actions: []workflow.Action{take}}, ""},
		{"field twice", workflow.Service{ID: "s", Fields: []workflow.Field{{ID: "a"}, {ID: "a"}}}, `field "a" twice`},
		{"choice without choices", workflow.Service{ID: "s", Fields: []workflow.Field{{ID: "a", Kind: workflow.KindChoice}}}, "has no choices"},
		{"action twice", workflow.Service{ID: "s", Actions: []workflow.Action{take, take}}, `action "tomar" twice`},
		{"action without roles", workflow.Service{ID: "s", Actions: []workflow.Action{{ID: "x", From: []string{"a"}}}}, "needs From and Who"},
		{"input kept over a form field", workflow.Service{ID: "s", Fields: []workflow.Field{{ID: "url"}},
			Actions: []workflow.Action{{ID: "publicar", From: []string{"a"}, Who: policy.Assignee, Input: workflow.URLInput("url")}}},
			`keeps its input in form field "url"`},
		{"bad input", workflow.Service{ID: "s",
			Actions: []workflow.Action{{ID: "elegir", From: []string{"a"}, Who: policy.Requester, Input: []workflow.Field{{ID: "x", Kind: workflow.KindChoice}}}}},
			`action "elegir": choice field "x" has no choices`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.svc.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got %v, want none", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
