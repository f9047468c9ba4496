package storage

// Role is what a person may do in the procedure.
type Role string

// The roles of DESIGN §1.
const (
	RoleUsuario     Role = "usuario"     // requester
	RoleSupervisor  Role = "supervisor"  // jefe inmediato: gives the visto bueno of an area
	RoleAutoridad   Role = "autoridad"   // Rectoría or institutional authority
	RoleTecnico     Role = "tecnico"     // CT staff
	RoleCoordinador Role = "coordinador" // head of CT
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleUsuario, RoleSupervisor, RoleAutoridad, RoleTecnico, RoleCoordinador:
		return true
	}
	return false
}

// IsStaff reports whether r belongs to CT (técnico or coordinador).
func (r Role) IsStaff() bool { return r == RoleTecnico || r == RoleCoordinador }

// Person is an entry of the directory: who may ask for services ("previa
// autorización", glossary 8.1) and how to reach them.
type Person struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Area     string `json:"area"`
	Position string `json:"position,omitempty"`
	Email    string `json:"email,omitempty"`
	// Accounts maps a platform ("telegram", "slack", "console") to the
	// person's account there (Telegram user id, Slack user id, ...).
	Accounts map[string]string `json:"accounts,omitempty"`
	// Platform is where notifications go: set in the directory, or the one
	// the person last used.
	Platform string `json:"platform,omitempty"`
	Language string `json:"language,omitempty"`
	// Pending marks a registration waiting for the coordinator.
	Pending bool `json:"pending,omitempty"`
	// Disabled people are kept for history but may not ask for services.
	Disabled bool `json:"disabled,omitempty"`
}

// Area is an organisational unit with its supervisor (jefe inmediato).
type Area struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Supervisor string `json:"supervisor"`
}
