package storage

import "time"

// PlanItem is an entry of the Programa Anual de Mantenimiento Preventivo (CT-RG.01).
type PlanItem struct {
	ID        string    `json:"id"` // stable: the same import gives the same ids
	Area      string    `json:"area"`
	Equipment string    `json:"equipment"`
	Planned   time.Time `json:"planned"` // the planned day, midnight in the institution's zone
	Tecnico   string    `json:"tecnico"`
	Notes     string    `json:"notes,omitempty"`
	Reminded  time.Time `json:"reminded,omitzero"` // when the reminder went out
	Folio     string    `json:"folio,omitempty"`   // the programmed ticket, once created
	Imported  time.Time `json:"imported"`
	By        string    `json:"by"`
}
