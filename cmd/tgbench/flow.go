package main

import (
	"context"
	"strconv"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// step is one thing a user does in the correo form: write text or press
// the button labelled press on the bot's last answer; want is in the
// answer that comes back.
type step struct {
	text  string
	press string
	want  string
}

// halfFilled is how many steps of correoSteps leave the form half filled:
// three of its six fields answered.
const halfFilled = 5

// correoSteps is the alta of an e-mail account, as a person asks for it in
// chat: open the menu, pick the service, answer the six fields (buttons
// and text), send.
func correoSteps(user, round int) []step {
	u := strconv.Itoa(user)
	return []step{
		{text: "/nueva", want: "¿Qué servicio necesitas"},
		{press: "Cuenta de correo electrónico", want: "(1/6)"},
		{press: "Alta (crear una cuenta)", want: "(2/6)"},
		{text: "Usuaria Martínez Ruiz", want: "(3/6)"},
		{text: "Analista de presupuesto", want: "(4/6)"},
		{press: "Dirección de Finanzas", want: "(5/6)"},
		{text: "usuaria" + u + ".r" + strconv.Itoa(round) + "@upe.edu.mx", want: "(6/6)"},
		{text: "Ingresó a la Dirección de Finanzas y necesita correo institucional.", want: "Revisa tu solicitud"},
		{press: "Enviar", want: "Registré tu solicitud"},
	}
}

// personID is the directory id of user i.
func personID(i int) string { return "u" + strconv.Itoa(i) }

func personIDs(users int) []string {
	out := make([]string, users)
	for i := range out {
		out[i] = personID(i)
	}
	return out
}

// benchAreas are the areas of a small institution.
func benchAreas() []storage.Area {
	return []storage.Area{
		{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "luis"},
		{ID: "tecnologias", Name: "Coordinación de Tecnologías", Supervisor: "ana"},
		{ID: "rectoria", Name: "Rectoría", Supervisor: "rect"},
	}
}

// benchPeople are the staff of benchAreas and users requesters of
// finanzas (supervised by luis) with Telegram accounts accountBase+i.
func benchPeople(users int) []storage.Person {
	tg := func(account string) map[string]string { return map[string]string{"telegram": account} }
	people := []storage.Person{
		{ID: "ana", Name: "Ana López", Role: storage.RoleCoordinador, Area: "tecnologias", Accounts: tg("1001"), Platform: "telegram"},
		{ID: "beto", Name: "Beto Ruiz", Role: storage.RoleTecnico, Area: "tecnologias", Accounts: tg("1002"), Platform: "telegram"},
		{ID: "luis", Name: "Luis Pérez", Role: storage.RoleSupervisor, Area: "finanzas", Accounts: tg("2001"), Platform: "telegram"},
		{ID: "rect", Name: "Rectoría", Role: storage.RoleAutoridad, Area: "rectoria", Accounts: tg("3001"), Platform: "telegram"},
	}
	for i := range users {
		people = append(people, storage.Person{ID: personID(i), Name: "Usuaria " + strconv.Itoa(i), Role: storage.RoleUsuario,
			Area: "finanzas", Accounts: tg(userAccount(i)), Platform: "telegram"})
	}
	return people
}

// seedDirectory puts benchAreas and benchPeople in st.
func seedDirectory(ctx context.Context, st storage.Directory, users int) error {
	for _, a := range benchAreas() {
		if err := st.PutArea(ctx, a); err != nil {
			return err
		}
	}
	for _, p := range benchPeople(users) {
		if err := st.PutPerson(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// openSeeded opens an empty store as openKit does, puts in it the
// directory of o.users and builds the engine over it; the caller closes
// the kit.
func openSeeded(ctx context.Context, o options, rs *lazyRedis) (*kit, *conversations.Engine, error) {
	k, err := openKit(ctx, o.store, rs)
	if err != nil {
		return nil, nil, err
	}
	if err := seedDirectory(ctx, k.st, o.users); err != nil {
		k.close()
		return nil, nil, err
	}
	eng, err := newEngine(k.st)
	if err != nil {
		k.close()
		return nil, nil, err
	}
	return k, eng, nil
}

// newEngine is the real engine with every service, over st.
func newEngine(st conversations.Store) (*conversations.Engine, error) {
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		loc = time.UTC
	}
	return conversations.New(conversations.Config{Institution: "Universidad Politécnica de Ejemplo", Location: loc},
		st, conversations.DefaultServices()...)
}
