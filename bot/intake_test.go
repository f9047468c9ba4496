package bot_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// journal is a handler that records, per person, the events in the order
// they were applied and whether two of them were ever applied at once.
type journal struct {
	mu      sync.Mutex
	order   map[string][]string
	busy    map[string]bool
	started map[string]bool
	overlap []string
	// meet, when set, is closed by the first event of each person and
	// waited for by the others' first: they can only both pass if the
	// two people are handled in parallel.
	meet map[string]chan struct{}
}

func (j *journal) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	j.mu.Lock()
	if j.busy[ev.Account] {
		j.overlap = append(j.overlap, ev.ID)
	}
	j.busy[ev.Account] = true
	first := !j.started[ev.Account]
	j.started[ev.Account] = true
	j.mu.Unlock()
	if first && j.meet != nil {
		close(j.meet[ev.Account])
		for who, ch := range j.meet {
			select {
			case <-ch:
			case <-time.After(10 * time.Second):
				return conversations.Result{}, fmt.Errorf("%s never started while %s was handled", who, ev.Account)
			}
		}
	}
	time.Sleep(time.Millisecond)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.busy[ev.Account] = false
	j.order[ev.Account] = append(j.order[ev.Account], ev.ID)
	return conversations.Result{Messages: []conversations.Message{{To: ev.Account}}}, nil
}

// TestIntakeOrder: each person's updates are applied one at a time in the
// order they arrived, whether submitted or applied by a waiting caller,
// while two people are handled at the same time; the outbox is woken.
func TestIntakeOrder(t *testing.T) {
	j := &journal{order: map[string][]string{}, busy: map[string]bool{}, started: map[string]bool{},
		meet: map[string]chan struct{}{"rosa": make(chan struct{}), "luis": make(chan struct{})}}
	var mu sync.Mutex
	wakes := 0
	in := bot.NewIntake(j, func() { mu.Lock(); wakes++; mu.Unlock() })
	var wg sync.WaitGroup
	want := map[string][]string{}
	for i := range 40 {
		for _, who := range []string{"rosa", "luis"} {
			id := fmt.Sprintf("%s-%02d", who, i)
			want[who] = append(want[who], id)
			ev := conversations.Event{ID: id, Platform: "telegram", Account: who, Text: "hola"}
			u := bot.Update{Key: "telegram:" + who, ID: id,
				Event: func(context.Context) (conversations.Event, bool, error) { return ev, true, nil }}
			if i%5 == 4 {
				// Now and then a caller that waits, as the webhook does.
				if err := in.Apply(context.Background(), u); err != nil {
					t.Fatalf("apply %s: %v", id, err)
				}
				continue
			}
			wg.Add(1)
			u.Done = func(err error) {
				defer wg.Done()
				if err != nil {
					t.Errorf("%s: %v", id, err)
				}
			}
			in.Submit(context.Background(), u)
		}
	}
	wg.Wait()
	j.mu.Lock()
	defer j.mu.Unlock()
	for who, ids := range want {
		if !slices.Equal(j.order[who], ids) {
			t.Errorf("%s's updates applied in the order %v, want %v", who, j.order[who], ids)
		}
	}
	if len(j.overlap) > 0 {
		t.Errorf("updates applied while another of the same person was: %v", j.overlap)
	}
	mu.Lock()
	defer mu.Unlock()
	if wakes != 80 {
		t.Errorf("the outbox was woken %d times, want 80", wakes)
	}
}

// TestIntakeSkipsAfterCancel: an update whose context is done before its
// turn is not applied, and says why.
func TestIntakeSkipsAfterCancel(t *testing.T) {
	j := &journal{order: map[string][]string{}, busy: map[string]bool{}, started: map[string]bool{}}
	in := bot.NewIntake(j, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	answered := ""
	err := in.Apply(ctx, bot.Update{Key: "slack:U1", ID: "sl:1",
		Event: func(context.Context) (conversations.Event, bool, error) {
			return conversations.Event{ID: "sl:1", Account: "U1"}, true, nil
		},
		Answer: func(_ context.Context, notice string) { answered = "answered" }})
	if err == nil || answered != "" || len(j.order["U1"]) != 0 {
		t.Errorf("a cancelled update: err %v, %q, applied %v; want an error, no answer, nothing applied", err, answered, j.order["U1"])
	}
}
