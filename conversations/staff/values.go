package staff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"ctdesk/storage"
)

// readValue reads a JSON record kept among the values (a delivery, a
// note); ok is false when there is none. what names it in errors.
func readValue[T any](ctx context.Context, v storage.Values, key, what string) (T, bool, error) {
	var out T
	raw, err := v.Value(ctx, key)
	if errors.Is(err, storage.ErrNotFound) {
		return out, false, nil
	}
	if err != nil {
		return out, false, fmt.Errorf("staff: %s: %w", what, err)
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return out, false, fmt.Errorf("staff: %s: %w", what, err)
	}
	return out, true, nil
}
