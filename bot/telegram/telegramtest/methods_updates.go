package telegramtest

import (
	"encoding/json"
	"net/http"
	"time"
)

const firstUpdateID = 100000000

type queued struct {
	id       int
	body     json.RawMessage
	attempts int
}

type updatesState struct {
	queue    []queued // not yet confirmed (getUpdates) or not yet delivered (webhook)
	nextID   int
	notify   chan struct{}
	pollGen  int
	webhook  *WebhookState
	errDate  time.Time
	errMsg   string
	confirms int
}

func (u *updatesState) init() {
	u.nextID = firstUpdateID
	u.notify = make(chan struct{})
}

// notifyLocked wakes long polls, the webhook worker and waiters. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.state.notify)
	s.state.notify = make(chan struct{})
}

// enqueueLocked assigns the next update_id and queues the update. s.mu must be held.
func (s *Server) enqueueLocked(u *wireUpdate) int {
	s.state.nextID++
	u.UpdateID = s.state.nextID
	body, err := json.Marshal(u)
	if err != nil {
		panic(err)
	}
	s.state.queue = append(s.state.queue, queued{id: u.UpdateID, body: body})
	s.notifyLocked()
	return u.UpdateID
}

const (
	conflictWebhook = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
	conflictPoll    = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)

func (s *Server) getUpdates(req *request) reply {
	offset, _, ok1 := req.integer("offset")
	limit, hasLimit, ok2 := req.integer("limit")
	timeout, _, ok3 := req.integer("timeout")
	if !ok1 || !ok2 || !ok3 {
		return badRequest("wrong parameter type")
	}
	if !hasLimit || limit > 100 {
		limit = 100
	}
	if limit < 1 {
		limit = 1
	}
	wait := time.Duration(max(timeout, 0)) * time.Second
	if wait > s.cfg.maxPoll {
		wait = s.cfg.maxPoll
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.webhook != nil {
		return fail(http.StatusConflict, conflictWebhook)
	}
	s.confirmLocked(offset)
	if offset < 0 {
		offset = 0
	}
	s.state.pollGen++
	gen := s.state.pollGen
	s.notifyLocked() // an older poll still waiting ends with 409
	for {
		var out []json.RawMessage
		for _, q := range s.state.queue {
			if q.id >= int(offset) && len(out) < int(limit) {
				out = append(out, q.body)
			}
		}
		if len(out) > 0 || wait == 0 {
			if out == nil {
				out = []json.RawMessage{}
			}
			return okReply(out)
		}
		ch := s.state.notify
		s.mu.Unlock()
		expired := false
		select {
		case <-ch:
		case <-deadline.C:
			expired = true
		case <-s.closing:
			expired = true
		}
		s.mu.Lock()
		if s.state.pollGen != gen {
			return fail(http.StatusConflict, conflictPoll)
		}
		if s.state.webhook != nil {
			return fail(http.StatusConflict, conflictWebhook)
		}
		if expired {
			wait = 0
		}
	}
}

// confirmLocked forgets updates below a positive offset, or all but the last -offset ones.
func (s *Server) confirmLocked(offset int64) {
	q := s.state.queue
	cut := 0
	switch {
	case offset > 0:
		for cut < len(q) && q[cut].id < int(offset) {
			cut++
		}
	case offset < 0:
		if keep := int(-offset); len(q) > keep {
			cut = len(q) - keep
		}
	}
	if cut > 0 {
		s.state.confirms += cut
		s.state.queue = append([]queued(nil), q[cut:]...)
	}
}
