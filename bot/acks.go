package bot

import (
	"context"
	"sync"

	"ctdesk/storage"
)

// acks writes the acknowledgements of concurrent deliveries together, one
// store call for all that arrive while the previous call is under way, as
// databases group commits. Each caller still returns only once its own ack
// is written, so a recipient's next message never goes out before the
// previous one is recorded: a crash repeats at most one message per chat.
type acks struct {
	st storage.Outbox

	mu    sync.Mutex
	queue []pendingAck
	busy  bool // a caller is writing a batch
}

type pendingAck struct {
	id   string
	done chan ackOutcome
}

// ackOutcome ends a caller's wait: its ack is written (with err), or it is
// to write the next batch itself.
type ackOutcome struct {
	err  error
	lead bool
}

// ack removes the delivered message id from the outbox.
func (a *acks) ack(ctx context.Context, id string) error {
	me := pendingAck{id: id, done: make(chan ackOutcome, 1)}
	a.mu.Lock()
	a.queue = append(a.queue, me)
	lead := !a.busy
	a.busy = true
	a.mu.Unlock()
	if !lead {
		if out := <-me.done; !out.lead {
			return out.err
		}
	}
	a.mu.Lock()
	batch := a.queue
	a.queue = nil
	a.mu.Unlock()
	ids := make([]string, len(batch))
	for i, p := range batch {
		ids[i] = p.id
	}
	err := a.st.AckOutbox(ctx, ids...)
	for _, p := range batch {
		if p.done != me.done {
			p.done <- ackOutcome{err: err}
		}
	}
	// Whoever queued meanwhile writes the next batch; this caller goes on.
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.queue) > 0 {
		a.queue[0].done <- ackOutcome{lead: true}
	} else {
		a.busy = false
	}
	return err
}
