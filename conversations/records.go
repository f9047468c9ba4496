package conversations

import (
	"context"

	"ctdesk/conversations/directory"
	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// ReportConfig is how the report DP-RG.02 names, counts and signs, with
// the directory as it is now: the labels of the one table in texts, the
// services' rule of who waits for a visto bueno, and the coordinator who
// signs it.
func (e *Engine) ReportConfig(ctx context.Context) (report.Config, error) {
	dir, err := e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return report.Config{}, err
	}
	return e.reportConfig(dir), nil
}

func (e *Engine) reportConfig(dir *directory.Snapshot) report.Config {
	cfg := report.Config{
		Institution: e.cfg.Institution, Location: e.cfg.Location, Calendar: e.cfg.Calendar,
		People: dir.Name, Areas: dir.AreaName,
		Labels: texts.Labels{Lang: records.Lang}, Awaiting: e.AwaitsApproval,
	}
	if coords := dir.WithRole(storage.RoleCoordinador); len(coords) > 0 {
		cfg.Signer = report.Signer{Name: coords[0].Name, Position: coords[0].Position}
	}
	return cfg
}

// AwaitsApproval reports whether a ticket of a service, in a status, waits
// for a visto bueno: a status from which an approval action starts.
func (e *Engine) AwaitsApproval(service, status string) bool {
	svc := e.services[service]
	return svc != nil && svc.AwaitsApproval(status)
}
