package storetest

import (
	"slices"
	"testing"

	"ctdesk/storage"
)

func testDirectory(t *testing.T, h Harness) {
	rosa := storage.Person{ID: "rosa", Name: "Rosa Díaz", Role: storage.RoleUsuario, Area: "finanzas",
		Position: "Analista", Email: "rosa@example.edu",
		Accounts: map[string]string{"telegram": "2002", "slack": "U02ROSA"}, Platform: "telegram", Language: "es"}
	ana := storage.Person{ID: "ana", Name: "Ana López", Role: storage.RoleCoordinador, Area: "tecnologias",
		Accounts: map[string]string{"telegram": "1001"}}
	luis := storage.Person{ID: "luis", Name: "Luis Pérez", Role: storage.RoleSupervisor, Area: "finanzas", Pending: true}

	t.Run("people", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		if got, err := s.People(ctx); err != nil || len(got) != 0 {
			t.Errorf("People of an empty store: got %v, %v; want none", got, err)
		}
		_, err := s.Person(ctx, "rosa")
		wantErr(t, "Person before PutPerson", err, storage.ErrNotFound)
		for _, p := range []storage.Person{rosa, luis, ana} {
			noErr(t, "PutPerson "+p.ID, s.PutPerson(ctx, p))
		}
		got, err := s.Person(ctx, "rosa")
		noErr(t, "Person", err)
		sameJSON(t, "Person(rosa)", got, rosa)

		for _, tc := range []struct{ platform, account, want string }{
			{"telegram", "2002", "rosa"}, {"slack", "U02ROSA", "rosa"}, {"telegram", "1001", "ana"},
		} {
			p, err := s.PersonByAccount(ctx, tc.platform, tc.account)
			if err != nil || p.ID != tc.want {
				t.Errorf("PersonByAccount(%s, %s): got %q, %v; want %q", tc.platform, tc.account, p.ID, err, tc.want)
			}
		}
		_, err = s.PersonByAccount(ctx, "slack", "2002")
		wantErr(t, "PersonByAccount on the wrong platform", err, storage.ErrNotFound)
		_, err = s.PersonByAccount(ctx, "telegram", "9999")
		wantErr(t, "PersonByAccount of an unknown account", err, storage.ErrNotFound)

		all, err := s.People(ctx)
		noErr(t, "People", err)
		ids := make([]string, len(all))
		for i, p := range all {
			ids[i] = p.ID
		}
		if want := []string{"ana", "luis", "rosa"}; !slices.Equal(ids, want) {
			t.Errorf("People: got %v, want %v", ids, want)
		}

		moved := rosa
		moved.Accounts = map[string]string{"telegram": "2003"}
		moved.Area = "rectoria"
		noErr(t, "PutPerson replace", s.PutPerson(ctx, moved))
		got, _ = s.Person(ctx, "rosa")
		sameJSON(t, "Person(rosa) after replace", got, moved)
		_, err = s.PersonByAccount(ctx, "telegram", "2002")
		wantErr(t, "PersonByAccount of a dropped account", err, storage.ErrNotFound)
		if p, err := s.PersonByAccount(ctx, "telegram", "2003"); err != nil || p.ID != "rosa" {
			t.Errorf("PersonByAccount of the new account: got %q, %v; want rosa", p.ID, err)
		}
	})

	t.Run("people through a change", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		noErr(t, "PutPerson", s.PutPerson(ctx, ana))
		changed := ana
		changed.Platform = "slack"
		MustCommit(t, s, storage.Change{People: []storage.Person{rosa, changed}})
		got, err := s.Person(ctx, "rosa")
		noErr(t, "Person(rosa)", err)
		sameJSON(t, "Person(rosa)", got, rosa)
		got, _ = s.Person(ctx, "ana")
		if got.Platform != "slack" {
			t.Errorf("Person(ana).Platform after upsert: got %q, want slack", got.Platform)
		}
		if p, err := s.PersonByAccount(ctx, "slack", "U02ROSA"); err != nil || p.ID != "rosa" {
			t.Errorf("PersonByAccount after Commit: got %q, %v; want rosa", p.ID, err)
		}
	})

	t.Run("areas", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		if got, err := s.Areas(ctx); err != nil || len(got) != 0 {
			t.Errorf("Areas of an empty store: got %v, %v; want none", got, err)
		}
		for _, a := range []storage.Area{
			{ID: "tecnologias", Name: "Coordinación de Tecnologías", Supervisor: "ana"},
			{ID: "finanzas", Name: "Finanzas", Supervisor: "x"},
			{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "luis"},
		} {
			noErr(t, "PutArea "+a.ID, s.PutArea(ctx, a))
		}
		got, err := s.Areas(ctx)
		noErr(t, "Areas", err)
		want := []storage.Area{
			{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "luis"},
			{ID: "tecnologias", Name: "Coordinación de Tecnologías", Supervisor: "ana"},
		}
		if !slices.Equal(got, want) {
			t.Errorf("Areas: got %v, want %v", got, want)
		}
	})
}
