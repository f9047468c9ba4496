package bot

import "time"

// Observer is told what the outbox does with each message, for metrics.
// Its methods are called from the dispatcher's workers: they must be cheap
// and safe for concurrent use.
type Observer interface {
	// Sent: a message reached the platform, age after it was queued.
	Sent(platform string, age time.Duration)
	// Failed: an attempt failed and the message will be tried again; why
	// is "retry_after", "platform_down", "unreachable" (it waits until its
	// recipient writes to the bot) or "error".
	Failed(platform, why string)
	// Dropped: the message is given up; why is "blocked", "refused",
	// "no_route", "undecodable", "missing" (its recipient or file is gone)
	// or "retries".
	Dropped(why string)
}

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) Sent(string, time.Duration) {}
func (nopObserver) Failed(string, string)      {}
func (nopObserver) Dropped(string)             {}
