package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ctdesk/storage"
)

// PutPlanItems creates or replaces items by id, all or none.
func (s *Store) PutPlanItems(ctx context.Context, items ...storage.PlanItem) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, it := range items {
			if it.ID == "" {
				return fmt.Errorf("plan item without id: %w", storage.ErrInvalid)
			}
			data, err := json.Marshal(it)
			if err != nil {
				return fmt.Errorf("plan item %s: %w", it.ID, err)
			}
			if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO plan_items (id, planned, data) VALUES (?, ?, ?)",
				it.ID, nanos(it.Planned), data); err != nil {
				return fmt.Errorf("plan item %s: %w", it.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlitestore: put plan items: %w", err)
	}
	return nil
}

// PlanItems lists items planned in [from, to), by date then id; zero bounds are open.
func (s *Store) PlanItems(ctx context.Context, from, to time.Time) ([]storage.PlanItem, error) {
	var w filter
	w.within("planned", from, to)
	q, args := w.query("SELECT data FROM plan_items", "planned, id", 0)
	out, err := listJSON[storage.PlanItem](ctx, s.r, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: plan items: %w", err)
	}
	return out, nil
}
