package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DeliveryEnv tunes how messages are delivered and taken back.
type DeliveryEnv struct {
	// SendAttempts gives a message up after that many failed attempts
	// (CTDESK_SEND_ATTEMPTS, default 25).
	SendAttempts int
	// PasswordKeep is how long a temporary password stays in the chats
	// before the bot deletes it, when the holder has not signed
	// (CTDESK_PASSWORD_KEEP, a Go duration such as 24h, default 24 h).
	PasswordKeep time.Duration
}

// delivery reads DeliveryEnv's variables; a value out of range is an
// error that says what it takes.
func (r *envReader) delivery(e *Env) {
	e.Delivery = DeliveryEnv{SendAttempts: 25, PasswordKeep: 24 * time.Hour}
	if v := strings.TrimSpace(r.getenv("CTDESK_SEND_ATTEMPTS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			r.errs = append(r.errs, fmt.Errorf("CTDESK_SEND_ATTEMPTS=%s no es válido: escribe cuántos intentos, de 1 a 1000", v))
		} else {
			e.Delivery.SendAttempts = n
		}
	}
	if v := strings.TrimSpace(r.getenv("CTDESK_PASSWORD_KEEP")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 47*time.Hour {
			r.errs = append(r.errs, fmt.Errorf("CTDESK_PASSWORD_KEEP=%s no es válido: escribe una duración entre 1s y 47h, como 24h o 90m", v))
		} else {
			e.Delivery.PasswordKeep = d
		}
	}
}
